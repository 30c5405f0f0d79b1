import type { ProgressResponse, Rubric, ScoreLevel } from '@mockboard/contracts';

/** One scorecard's levels, placed in time (the session's start) for a trend. */
export interface ScoredRound {
  sessionId: string;
  round: number;
  at: Date;
  levels: Readonly<Record<string, ScoreLevel | null | undefined>>;
}

export type DimensionProgress = ProgressResponse['dimensions'][number];

/** The mean rounded to two decimals, like every score the app shows; `null` for no values. */
export function averageOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round((values.reduce((sum, value) => sum + value, 0) * 100) / values.length) / 100;
}

/**
 * Per rubric dimension (in rubric order): the levels partners gave, oldest first, their average,
 * the user's own average, and the calibration gap (self − partner, from the two rounded averages
 * so the numbers shown add up). A positive gap means the user rates themselves higher than
 * partners do.
 */
export function dimensionProgress(
  rubric: Pick<Rubric, 'dimensions'>,
  partner: readonly ScoredRound[],
  self: readonly ScoredRound[],
): DimensionProgress[] {
  const inTimeOrder = [...partner].sort((a, b) => a.at.getTime() - b.at.getTime() || a.round - b.round);
  return rubric.dimensions.map((dimension) => {
    const points = inTimeOrder.flatMap((card) => {
      const level = card.levels[dimension.id];
      return typeof level === 'number'
        ? [{ sessionId: card.sessionId, round: card.round, at: card.at.toISOString(), level }]
        : [];
    });
    const partnerAverage = averageOf(points.map((point) => point.level));
    const selfAverage = averageOf(
      self.flatMap((card) => {
        const level = card.levels[dimension.id];
        return typeof level === 'number' ? [level] : [];
      }),
    );
    const calibrationGap =
      partnerAverage === null || selfAverage === null
        ? null
        : Math.round((selfAverage - partnerAverage) * 100) / 100;
    return {
      dimensionId: dimension.id,
      title: dimension.title,
      points,
      partnerAverage,
      selfAverage,
      calibrationGap,
    };
  });
}

/**
 * The best and worst dimensions by partner average, up to `count` each. Ties (equal averages, as
 * shown, to two decimals) are settled the way the progress page explains: more scored rounds first, since an average
 * over more rounds says more, then rubric order (`dimensions` come in rubric order), so the same
 * scores always give the same names. Only dimensions partners have scored count, and the two lists
 * never share a dimension: with fewer than 2·count scored, each side gets half (one scored dimension
 * is neither).
 */
export function strongestAndWeakest(
  dimensions: readonly Pick<DimensionProgress, 'dimensionId' | 'partnerAverage' | 'points'>[],
  count = 2,
): { strongest: string[]; weakest: string[] } {
  const scored = dimensions.flatMap((dimension, rubricIndex) =>
    dimension.partnerAverage === null
      ? []
      : [
          {
            id: dimension.dimensionId,
            average: dimension.partnerAverage,
            rounds: dimension.points.length,
            rubricIndex,
          },
        ],
  );
  type Scored = (typeof scored)[number];
  const take = Math.min(count, Math.floor(scored.length / 2));
  const tieBreak = (a: Scored, b: Scored) => b.rounds - a.rounds || a.rubricIndex - b.rubricIndex;
  const best = [...scored].sort((a, b) => b.average - a.average || tieBreak(a, b));
  const worst = [...scored].sort((a, b) => a.average - b.average || tieBreak(a, b));
  const strongest = best.slice(0, take).map((dimension) => dimension.id);
  const weakest = worst
    .map((dimension) => dimension.id)
    .filter((id) => !strongest.includes(id))
    .slice(0, take);
  return { strongest, weakest };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A running number for the ISO week (Monday to Sunday) that contains `instant` in `timeZone`:
 * consecutive weeks get consecutive numbers, across year boundaries too.
 */
export function isoWeekNumber(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  const days = Date.UTC(part('year'), part('month') - 1, part('day')) / DAY_MS;
  // Day 0 (1970-01-01) was a Thursday; shifting by 3 makes every week start on a Monday.
  return Math.floor((days + 3) / 7);
}

/**
 * Consecutive ISO weeks, up to the current one, with at least one completed session. A week still
 * under way does not break the streak: until it ends, the streak counts back from last week.
 */
export function weekStreak(completedAt: readonly Date[], now: Date, timeZone: string): number {
  const weeks = new Set(completedAt.map((instant) => isoWeekNumber(instant, timeZone)));
  const thisWeek = isoWeekNumber(now, timeZone);
  let week = weeks.has(thisWeek) ? thisWeek : thisWeek - 1;
  let streak = 0;
  while (weeks.has(week)) {
    streak += 1;
    week -= 1;
  }
  return streak;
}

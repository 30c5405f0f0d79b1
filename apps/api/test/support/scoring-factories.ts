import type { ScorecardWrite, ScoreLevel, SessionFormat } from '@mockboard/contracts';
import { signUp, type SignedUpUser } from './factories';
import { aStart, asUser, bookSlot, offerSlot } from './scheduling-factories';
import type { TestApp } from './test-app';

/** The shipped rubric's dimensions, in order, with their weights (prompts/rubric.yaml). */
export const DIMENSIONS = [
  ['requirements', 15],
  ['estimation', 10],
  ['api-and-data-model', 15],
  ['high-level-design', 20],
  ['deep-dive', 20],
  ['tradeoffs', 10],
  ['communication', 10],
] as const;
export type DimensionId = (typeof DIMENSIONS)[number][0];

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

export interface PastSession {
  id: string;
  /** Round 1's interviewer (and round 2's candidate in a swap). */
  host: SignedUpUser;
  guest: SignedUpUser;
}

let nextDay = 0;

/**
 * A booked session moved into the past with SQL: it started `startedHoursAgo` hours ago, lasted
 * an hour and has `status`. Each call books a different future day first, so one pair of users
 * can have many sessions without their calendars overlapping.
 */
export async function aPastSession(
  server: TestApp,
  options: {
    host?: SignedUpUser;
    guest?: SignedUpUser;
    format?: SessionFormat;
    prompts?: (string | null)[];
    startedHoursAgo?: number;
    status?: string;
  } = {},
): Promise<PastSession> {
  const host = options.host ?? (await signUp(server.url));
  const guest = options.guest ?? (await signUp(server.url));
  nextDay = (nextDay % 55) + 1;
  const slot = await offerSlot(server, host, {
    startsAt: aStart({ daysAhead: nextDay }),
    format: options.format ?? 'swap',
  });
  const session = await bookSlot(server, guest, slot.id);
  const startsAt = new Date(Date.now() - (options.startedHoursAgo ?? 2) * HOUR);
  await server.dataSource.query(
    `UPDATE sessions SET starts_at = $2, ends_at = $3, status = $4 WHERE id = $1`,
    [session.id, startsAt, new Date(startsAt.getTime() + HOUR), options.status ?? 'completed'],
  );
  const prompts = options.prompts ?? ['url-shortener', 'rate-limiter'];
  for (const [index, promptId] of prompts.entries()) {
    await server.dataSource.query(
      `UPDATE session_rounds SET prompt_id = $3 WHERE session_id = $1 AND number = $2`,
      [session.id, index + 1, promptId],
    );
  }
  return { id: session.id, host, guest };
}

/** Moves a session's end `hours` into the past (e.g. 25 to pass the 24-hour reveal). */
export async function endSessionHoursAgo(server: TestApp, sessionId: string, hours: number): Promise<void> {
  const endsAt = new Date(Date.now() - hours * HOUR);
  await server.dataSource.query(`UPDATE sessions SET starts_at = $2, ends_at = $3 WHERE id = $1`, [
    sessionId,
    new Date(endsAt.getTime() - HOUR),
    endsAt,
  ]);
}

export { DAY, HOUR };

/** A complete interviewer scorecard (every dimension at `level` unless overridden), ready to submit. */
export function aScorecard(
  levels: Partial<Record<DimensionId, ScoreLevel | null>> = {},
  overrides: Partial<ScorecardWrite> = {},
  level: ScoreLevel = 3,
): ScorecardWrite {
  return {
    kind: 'interviewer',
    dimensions: DIMENSIONS.map(([dimensionId]) => ({
      dimensionId,
      level: dimensionId in levels ? (levels[dimensionId] ?? null) : level,
      evidence: `Evidence on ${dimensionId}`,
    })),
    strengths: 'Clear requirements and a clean high-level design.',
    improvements: 'Go deeper on the storage layer.',
    recommendation: 'hire',
    performedAtLevel: 'senior',
    submit: true,
    ...overrides,
  };
}

/** A self-assessment: the same rubric, no recommendation needed. */
export function aSelfAssessment(
  levels: Partial<Record<DimensionId, ScoreLevel | null>> = {},
  level: ScoreLevel = 3,
): ScorecardWrite {
  return aScorecard(levels, { kind: 'self', recommendation: null, performedAtLevel: null }, level);
}

export function scorecardPath(sessionId: string, round: number): string {
  return `/api/sessions/${sessionId}/rounds/${round}/scorecard`;
}

/** Writes a scorecard as `user` and expects `status`. */
export async function putScorecard(
  server: TestApp,
  user: SignedUpUser,
  sessionId: string,
  round: number,
  body: ScorecardWrite,
  status = 200,
) {
  return asUser(server, user).put(scorecardPath(sessionId, round), body).expect(status);
}

export async function rate(server: TestApp, user: SignedUpUser, sessionId: string, round = 1, status = 200) {
  return asUser(server, user)
    .put(`/api/sessions/${sessionId}/rounds/${round}/rating`, {
      clarity: 4,
      helpfulness: 5,
      comment: 'Kind and clear',
    })
    .expect(status);
}

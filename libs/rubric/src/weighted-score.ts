import type { Rubric, ScoreLevel } from '@mockboard/contracts';

/**
 * The weighted average of per-dimension levels on the rubric's 1–4 scale, rounded to two decimals.
 * Dimensions left unscored are left out and the remaining weights renormalised, so a partly filled
 * scorecard still yields a meaningful number; `null` when nothing is scored.
 */
export function weightedScore(
  rubric: Pick<Rubric, 'dimensions'>,
  levels: Readonly<Record<string, ScoreLevel | undefined>>,
): number | null {
  let weighted = 0;
  let weights = 0;
  for (const dimension of rubric.dimensions) {
    const level = levels[dimension.id];
    if (level === undefined) continue;
    weighted += dimension.weight * level;
    weights += dimension.weight;
  }
  if (weights === 0) return null;
  // Rounded from exact integer arithmetic, so 1.025 rounds up as written rather than as stored.
  return Math.round((weighted * 100) / weights) / 100;
}

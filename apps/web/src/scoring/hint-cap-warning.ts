import type { HintCap, Rubric } from '@mockboard/contracts';
import { scoreLevelLabel } from '../components/labels';

/**
 * The gentle word under a dimension scored above the cap its hints set (issue 17), or null when
 * the level is within it (or nothing caps it). Advice only: the form never refuses the level.
 */
export function hintCapWarning(
  cap: HintCap | undefined,
  level: number | null,
  levels: Rubric['levels'],
): string | null {
  if (!cap || level === null || level <= cap.maxLevel) return null;
  return (
    `You chose ${scoreLevelLabel(levels, level)} (${level}), above ${scoreLevelLabel(levels, cap.maxLevel)} (${cap.maxLevel}), the most the rubric ` +
    `allows after the hints revealed here: its hint weighting asks you to lower it to the cap.`
  );
}

import type { Rubric } from '@mockboard/contracts';
import { scoreLevelLabel } from './labels';

/** "No effect on the score" or "At most Solid (3)": what one hint stage does to its dimension. */
export function hintCapText(maxLevel: number | null, levels: Rubric['levels']): string {
  if (maxLevel === null) return 'No effect on the score';
  return `At most ${scoreLevelLabel(levels, maxLevel)} (${maxLevel})`;
}

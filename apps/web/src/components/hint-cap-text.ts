import type { Rubric } from '@mockboard/contracts';

/** "No effect on the score" or "At most Solid (3)": what one hint stage does to its dimension. */
export function hintCapText(maxLevel: number | null, levels: Rubric['levels']): string {
  if (maxLevel === null) return 'No effect on the score';
  const label = levels.find((level) => level.value === maxLevel)?.label ?? `Level ${maxLevel}`;
  return `At most ${label} (${maxLevel})`;
}

import type { Rubric } from '@mockboard/contracts';

/**
 * "Strong · Solid (3)": a prompt signal's kind with the rubric level it evidences. Without the
 * rubric's labels (still loading), "Strong · level 3".
 */
export function signalLevelText(
  kind: 'Strong' | 'Weak',
  level: number,
  levels: Rubric['levels'] | undefined,
): string {
  const label = levels?.find((entry) => entry.value === level)?.label;
  return `${kind} · ${label ? `${label} (${level})` : `level ${level}`}`;
}

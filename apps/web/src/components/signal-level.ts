import type { Rubric } from '@mockboard/contracts';
import { scoreLevelLabel } from './labels';

/**
 * "Strong · Solid (3)": a prompt signal's kind with the rubric level it evidences. Without the
 * rubric's labels (still loading), "Strong · level 3".
 */
export function signalLevelText(
  kind: 'Strong' | 'Weak',
  level: number,
  levels: Rubric['levels'] | undefined,
): string {
  return `${kind} · ${levels ? `${scoreLevelLabel(levels, level)} (${level})` : `level ${level}`}`;
}

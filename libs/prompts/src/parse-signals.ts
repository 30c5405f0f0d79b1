import type { RubricSignal, ScoreLevel } from '@mockboard/contracts';
import type { ContentProblem } from '@mockboard/rubric';
import { splitByHeading } from './markdown-sections';

/** When a signal line has no `(level N)` yet (allowed only while levels are not required). */
export const DEFAULT_SIGNAL_LEVELS = { strong: 3, weak: 1 } as const;

/** Which levels each label may claim: a strong answer is Solid or better, a weak one below it. */
const ALLOWED_LEVELS = { Strong: [3, 4], Weak: [1, 2] } as const;
type SignalLabel = keyof typeof ALLOWED_LEVELS;

/**
 * Reads the `### <dimension id>` blocks of `## Rubric signals`, each with a
 * `- **Strong (level 3|4):** …` and a `- **Weak (level 1|2):** …` bullet, in rubric order.
 */
export function parseSignals(
  markdown: string,
  dimensionIds: readonly string[],
  requireLevels: boolean,
  file: string,
  problems: ContentProblem[],
): RubricSignal[] {
  const byId = new Map<string, string>();
  for (const block of splitByHeading(markdown, 3)) {
    const id = block.title.trim();
    const field = `## Rubric signals > ### ${id}`;
    if (!dimensionIds.includes(id)) {
      problems.push({ file, field, reason: `is not a rubric dimension (known: ${dimensionIds.join(', ')})` });
    } else if (byId.has(id)) {
      problems.push({ file, field, reason: 'appears twice' });
    }
    byId.set(id, block.body);
  }
  const signals: RubricSignal[] = [];
  for (const dimensionId of dimensionIds) {
    const field = `## Rubric signals > ### ${dimensionId}`;
    const body = byId.get(dimensionId);
    if (body === undefined) {
      problems.push({ file, field, reason: 'is missing' });
      continue;
    }
    const strong = readSignalLine(body, 'Strong', requireLevels, field, file, problems);
    const weak = readSignalLine(body, 'Weak', requireLevels, field, file, problems);
    if (strong && weak) {
      signals.push({
        dimensionId,
        strong: strong.text,
        strongLevel: strong.level,
        weak: weak.text,
        weakLevel: weak.level,
      });
    }
  }
  return signals;
}

function readSignalLine(
  body: string,
  label: SignalLabel,
  requireLevels: boolean,
  field: string,
  file: string,
  problems: ContentProblem[],
): { text: string; level: ScoreLevel } | null {
  const allowed = ALLOWED_LEVELS[label];
  const template = `"- **${label} (level ${allowed.join(' or ')}):** …"`;
  const line = labelledBullet(body, label);
  if (!line) {
    problems.push({
      file,
      field,
      reason: `needs a ${requireLevels ? template : `"- **${label}:** …"`} line`,
    });
    return null;
  }
  if (line.annotation === null) {
    if (!requireLevels)
      return { text: line.text, level: DEFAULT_SIGNAL_LEVELS[label === 'Strong' ? 'strong' : 'weak'] };
    problems.push({ file, field, reason: `the ${label} line needs its rubric level: ${template}` });
    return null;
  }
  const level = Number(/^\(\s*level\s+(\d)\s*\)$/i.exec(line.annotation)?.[1]);
  if (!(allowed as readonly number[]).includes(level)) {
    problems.push({
      file,
      field,
      reason: `the ${label} line's "${line.annotation}" must be (level ${allowed.join(') or (level ')})`,
    });
    return null;
  }
  return { text: line.text, level: level as ScoreLevel };
}

/**
 * The text after `**Label:**` or `**Label (level N):**`, up to the next bullet that starts with a
 * bold label; `annotation` is the parenthesised part, if any.
 */
function labelledBullet(
  body: string,
  label: SignalLabel,
): { text: string; annotation: string | null } | null {
  const pattern = new RegExp(
    `\\*\\*${label}\\s*(\\([^)\\n]*\\))?:\\*\\*([\\s\\S]*?)(?=\\n\\s*[-*]\\s+\\*\\*[A-Za-z]+\\s*(?:\\([^)\\n]*\\))?:\\*\\*|$)`,
  );
  const match = pattern.exec(body);
  const text = match?.[2]?.trim();
  return text ? { text, annotation: match?.[1]?.trim() ?? null } : null;
}

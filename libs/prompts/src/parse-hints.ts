import {
  HINT_MAX_CHARACTERS,
  HINTS_PER_PHASE,
  INTERVIEW_PHASES,
  InterviewPhaseSchema,
  type InterviewPhase,
  type PhaseHints,
} from '@mockboard/contracts';
import type { ContentProblem } from '@mockboard/rubric';
import { splitByHeading } from './markdown-sections';

/**
 * Reads the `## Hints` section: one `### <phase>` block for every phase of the time plan, each a
 * numbered list of 2 or 3 one-paragraph hints, gentle to explicit. Returns them in time-plan order.
 * `plannedPhases` is null when the front matter is invalid, so only the blocks themselves are checked.
 */
export function parseHints(
  markdown: string,
  plannedPhases: readonly InterviewPhase[] | null,
  file: string,
  problems: ContentProblem[],
): PhaseHints[] {
  const byPhase = new Map<InterviewPhase, string[]>();
  // Blocks already reported (a bad list, say) are not also reported as missing.
  const seen = new Set<string>();
  for (const block of splitByHeading(markdown, 3)) {
    const title = block.title.trim();
    const field = `## Hints > ### ${title}`;
    const phase = InterviewPhaseSchema.safeParse(title);
    if (!phase.success) {
      problems.push({
        file,
        field,
        reason: `is not an interview phase (known: ${INTERVIEW_PHASES.join(', ')})`,
      });
      continue;
    }
    if (seen.has(phase.data)) {
      problems.push({ file, field, reason: 'appears twice' });
      continue;
    }
    seen.add(phase.data);
    if (plannedPhases && !plannedPhases.includes(phase.data)) {
      problems.push({
        file,
        field,
        reason: `is not a phase of this prompt's time plan (${plannedPhases.join(', ')})`,
      });
      continue;
    }
    const hints = numberedHints(block.body, field, file, problems);
    if (hints) byPhase.set(phase.data, hints);
  }
  if (!plannedPhases) return [];
  const result: PhaseHints[] = [];
  for (const phase of plannedPhases) {
    const hints = byPhase.get(phase);
    if (hints) result.push({ phase, hints });
    else if (!seen.has(phase))
      problems.push({ file, field: `## Hints > ### ${phase}`, reason: 'is missing' });
  }
  return result;
}

const ITEM = /^(\d+)[.)]\s+(.*)$/;

/** The hints of one block, or null (with problems recorded) when the list is not well formed. */
function numberedHints(
  body: string,
  field: string,
  file: string,
  problems: ContentProblem[],
): string[] | null {
  const items: Array<{ number: number; paragraphs: string[][] }> = [];
  let strayText = false;
  let blankSinceLastLine = false;
  for (const rawLine of body.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line) {
      blankSinceLastLine = true;
      continue;
    }
    const item = ITEM.exec(line);
    const current = items.at(-1);
    if (item) {
      items.push({ number: Number(item[1]), paragraphs: [[item[2] ?? '']] });
    } else if (!current) {
      strayText = true;
    } else if (blankSinceLastLine) {
      current.paragraphs.push([line]);
    } else {
      current.paragraphs.at(-1)?.push(line);
    }
    blankSinceLastLine = false;
  }

  const before = problems.length;
  if (strayText) problems.push({ file, field, reason: 'must hold only a numbered list ("1. …", "2. …")' });
  if (items.length < HINTS_PER_PHASE.min || items.length > HINTS_PER_PHASE.max) {
    problems.push({
      file,
      field,
      reason: `needs ${HINTS_PER_PHASE.min} or ${HINTS_PER_PHASE.max} numbered hints (has ${items.length})`,
    });
  }
  if (items.some((item, index) => item.number !== index + 1)) {
    problems.push({ file, field, reason: 'must number its hints 1, 2, 3 in order' });
  }
  const hints = items.map((item, index) => {
    const stage = index + 1;
    const text = item.paragraphs.map((lines) => lines.join(' ').trim()).join('\n\n');
    if (item.paragraphs.length > 1) {
      problems.push({ file, field, reason: `hint ${stage} must be one paragraph` });
    }
    if (!text) problems.push({ file, field, reason: `hint ${stage} is empty` });
    if (text.length > HINT_MAX_CHARACTERS) {
      problems.push({
        file,
        field,
        reason: `hint ${stage} has ${text.length} characters (at most ${HINT_MAX_CHARACTERS})`,
      });
    }
    // The candidate reads a revealed hint, so it speaks to them rather than about them.
    if (/\bthe candidate\b/i.test(text)) {
      problems.push({
        file,
        field,
        reason: `hint ${stage} speaks of "the candidate"; address them as "you"`,
      });
    }
    return text;
  });
  return problems.length === before ? hints : null;
}

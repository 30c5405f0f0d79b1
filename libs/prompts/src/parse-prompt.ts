import { PromptMetaSchema, type PromptSection } from '@mockboard/contracts';
import { issuesToProblems, type ContentProblem } from '@mockboard/rubric';
import { splitFrontMatter } from './front-matter';
import { slugify, splitByHeading } from './markdown-sections';
import { parseHints } from './parse-hints';
import { parseSignals } from './parse-signals';
import { HINTS_SECTION, REQUIRED_SECTIONS, type Prompt } from './prompt';

export type PromptParseResult = { ok: true; prompt: Prompt } | { ok: false; problems: ContentProblem[] };

/**
 * Whether every prompt must have a `## Hints` section and a `(level N)` on each signal line: on,
 * since every shipped prompt has them (issue 17). Off (a parser option, for a library being
 * written), a missing `## Hints` means no hints and a signal without a level gets the defaults
 * (strong 3, weak 1); whatever is written is checked in full either way.
 */
export const REQUIRE_HINTS_AND_LEVELS = true;

export interface PromptParseOptions {
  /** Defaults to REQUIRE_HINTS_AND_LEVELS. */
  requireHintsAndLevels?: boolean;
}

/**
 * Parses one prompt file (`<id>.md`) and checks it against the format in prompts/README.md and the
 * rubric's dimension ids. Collects every problem rather than stopping at the first, so an author
 * fixes a file in one pass.
 */
export function parsePromptFile(
  text: string,
  fileName: string,
  dimensionIds: readonly string[],
  options: PromptParseOptions = {},
): PromptParseResult {
  const { requireHintsAndLevels = REQUIRE_HINTS_AND_LEVELS } = options;
  const file = fileName;
  const front = splitFrontMatter(text);
  if (!front.ok) return { ok: false, problems: [{ file, field: '(front matter)', reason: front.reason }] };

  const problems: ContentProblem[] = [];
  const meta = PromptMetaSchema.safeParse(front.data);
  if (!meta.success) problems.push(...issuesToProblems(file, meta.error.issues));
  const expectedId = fileName.replace(/\.md$/, '');
  if (meta.success && meta.data.id !== expectedId) {
    problems.push({
      file,
      field: 'id',
      reason: `must equal the file name "${expectedId}" (is "${meta.data.id}")`,
    });
  }

  const sections = new Map<string, PromptSection>();
  for (const block of splitByHeading(front.body, 2)) {
    const id = slugify(block.title);
    const field = `## ${block.title}`;
    if (sections.has(id)) problems.push({ file, field, reason: 'appears twice' });
    else if (!block.body) problems.push({ file, field, reason: 'is empty' });
    sections.set(id, { id, title: block.title, markdown: block.body });
  }
  for (const [id, title] of Object.entries(REQUIRED_SECTIONS)) {
    if (!sections.has(id)) problems.push({ file, field: `## ${title}`, reason: 'is missing' });
  }
  if (requireHintsAndLevels && !sections.has(HINTS_SECTION.id)) {
    problems.push({ file, field: `## ${HINTS_SECTION.title}`, reason: 'is missing' });
  }
  const estimates = sections.get('scale-estimates');
  if (estimates?.markdown && !/\d/.test(estimates.markdown)) {
    problems.push({ file, field: '## Scale estimates', reason: 'must contain numbers' });
  }

  const signalsSection = sections.get('rubric-signals');
  const signals = signalsSection
    ? parseSignals(signalsSection.markdown, dimensionIds, requireHintsAndLevels, file, problems)
    : [];
  const hintsSection = sections.get(HINTS_SECTION.id);
  const plannedPhases = meta.success ? meta.data.timePlan.map((entry) => entry.phase) : null;
  const hints = hintsSection?.markdown
    ? parseHints(hintsSection.markdown, plannedPhases, file, problems)
    : [];

  if (problems.length > 0 || !meta.success) return { ok: false, problems };
  // The statement, the signals and the hints each have their own field, so the guide leaves them out.
  const ownFields: readonly string[] = ['problem-statement', 'rubric-signals', HINTS_SECTION.id];
  const guideSections = [...sections.values()].filter((section) => !ownFields.includes(section.id));
  return {
    ok: true,
    prompt: {
      ...meta.data,
      problemStatement: sections.get('problem-statement')?.markdown ?? '',
      guideSections,
      signals,
      hints,
      totalMinutes: meta.data.timePlan.reduce((sum, entry) => sum + entry.minutes, 0),
    },
  };
}

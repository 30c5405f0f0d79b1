import { PromptMetaSchema, type PromptSection, type RubricSignal } from '@mockboard/contracts';
import { issuesToProblems, type ContentProblem } from '@mockboard/rubric';
import { splitFrontMatter } from './front-matter';
import { slugify, splitByHeading } from './markdown-sections';
import { REQUIRED_SECTIONS, type Prompt } from './prompt';

export type PromptParseResult = { ok: true; prompt: Prompt } | { ok: false; problems: ContentProblem[] };

/**
 * Parses one prompt file (`<id>.md`) and checks it against the format in prompts/README.md and the
 * rubric's dimension ids. Collects every problem rather than stopping at the first, so an author
 * fixes a file in one pass.
 */
export function parsePromptFile(
  text: string,
  fileName: string,
  dimensionIds: readonly string[],
): PromptParseResult {
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
  const estimates = sections.get('scale-estimates');
  if (estimates?.markdown && !/\d/.test(estimates.markdown)) {
    problems.push({ file, field: '## Scale estimates', reason: 'must contain numbers' });
  }

  const signalsSection = sections.get('rubric-signals');
  const signals = signalsSection ? parseSignals(signalsSection.markdown, dimensionIds, file, problems) : [];

  if (problems.length > 0 || !meta.success) return { ok: false, problems };
  const guideSections = [...sections.values()].filter(
    (section) => section.id !== 'problem-statement' && section.id !== 'rubric-signals',
  );
  return {
    ok: true,
    prompt: {
      ...meta.data,
      problemStatement: sections.get('problem-statement')?.markdown ?? '',
      guideSections,
      signals,
      totalMinutes: meta.data.timePlan.reduce((sum, entry) => sum + entry.minutes, 0),
    },
  };
}

/** Reads the `### <dimension id>` blocks, each with a `**Strong:**` and a `**Weak:**` bullet. */
function parseSignals(
  markdown: string,
  dimensionIds: readonly string[],
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
    const strong = labelledBullet(body, 'Strong');
    const weak = labelledBullet(body, 'Weak');
    if (!strong) problems.push({ file, field, reason: 'needs a "- **Strong:** …" line' });
    if (!weak) problems.push({ file, field, reason: 'needs a "- **Weak:** …" line' });
    if (strong && weak) signals.push({ dimensionId, strong, weak });
  }
  return signals;
}

/** The text after `**Label:**`, up to the next bullet that starts with a bold label. */
function labelledBullet(body: string, label: string): string | null {
  const pattern = new RegExp(`\\*\\*${label}:\\*\\*([\\s\\S]*?)(?=\\n\\s*[-*]\\s+\\*\\*[A-Za-z]+:\\*\\*|$)`);
  const text = pattern.exec(body)?.[1]?.trim();
  return text ? text : null;
}

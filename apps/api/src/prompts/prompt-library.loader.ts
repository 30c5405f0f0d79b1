import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DrawableElement, PromptTopic, ReferenceDiagram, Rubric } from '@mockboard/contracts';
import { diagramToScene, parseDiagramFile } from '@mockboard/diagrams';
import { parsePromptFile, parseTopicsFile, TOPICS_FILE, type Prompt } from '@mockboard/prompts';
import { formatProblem, parseRubric, type ContentProblem } from '@mockboard/rubric';

/**
 * Whether every prompt must have its `<id>.diagram.yaml`: on, since every shipped prompt has one
 * (issue 17), so the server and `prompts:check` refuse a prompt that lacks it.
 */
export const REQUIRE_DIAGRAMS = true;

const DIAGRAM_SUFFIX = '.diagram.yaml';

/** A prompt's reference design: the data, and the Excalidraw scene rendered from it. */
export interface PromptDiagram {
  diagram: ReferenceDiagram;
  /** Laid out on first use, then kept (see lazilyLaidOut). */
  readonly elements: DrawableElement[];
}

/**
 * Laying out every shipped diagram (37 of them, with dagre) took ~250 ms of each start of the
 * server, about a third of it, while most starts never show one. libs/diagrams has no failure of
 * its own for a diagram the parser accepted, and `prompts:check` still lays out each one
 * (layOutEvery), as does the shipped library's test (diagram-scene.spec.ts).
 */
function lazilyLaidOut(diagram: ReferenceDiagram): PromptDiagram {
  let elements: DrawableElement[] | undefined;
  return {
    diagram,
    get elements() {
      return (elements ??= diagramToScene(diagram));
    },
  };
}

/** Lays out every diagram of `library` now: what `prompts:check` reports besides the files' problems. */
export function layOutEvery(library: Pick<PromptLibrary, 'diagrams'>): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const [id, loaded] of library.diagrams) {
    try {
      void loaded.elements;
    } catch (error) {
      problems.push({
        file: `${id}${DIAGRAM_SUFFIX}`,
        field: '(layout)',
        reason: `cannot be laid out: ${(error as Error).message}`,
      });
    }
  }
  return problems;
}

export interface PromptLibrary {
  rubric: Rubric;
  prompts: Prompt[];
  /** By prompt id; a prompt without a diagram file has no entry (see REQUIRE_DIAGRAMS). */
  diagrams: Map<string, PromptDiagram>;
  /** From topics.yaml; none when a folder (a test's) has no such file. */
  topics: PromptTopic[];
}

/** Thrown when content files are broken; the message lists every problem as "file: field: reason". */
export class PromptLibraryError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(`The prompt library in prompts/ is invalid:\n  ${problems.map(formatProblem).join('\n  ')}`);
  }
}

/**
 * Reads `rubric.yaml`, every `*.md` prompt (except README.md), `topics.yaml` and every `<id>.diagram.yaml` from
 * `directory` and validates them, so a broken file stops the start (and `npm run prompts:check`)
 * rather than a request. The diagrams are laid out when first shown (lazilyLaidOut).
 */
export async function loadPromptLibrary(directory: string): Promise<PromptLibrary> {
  const rubricText = await readFile(join(directory, 'rubric.yaml'), 'utf8').catch(() => null);
  if (rubricText === null) {
    throw new PromptLibraryError([
      { file: 'rubric.yaml', field: '(file)', reason: `not found in ${directory}` },
    ]);
  }
  const rubricResult = parseRubric(rubricText);
  if (!rubricResult.ok) throw new PromptLibraryError(rubricResult.problems);
  const dimensionIds = rubricResult.rubric.dimensions.map((dimension) => dimension.id);

  const names = await readdir(directory);
  const files = names.filter((name) => name.endsWith('.md') && name !== 'README.md').sort();
  const problems: ContentProblem[] = [];
  const prompts: Prompt[] = [];
  for (const file of files) {
    const result = parsePromptFile(await readFile(join(directory, file), 'utf8'), file, dimensionIds);
    if (result.ok) prompts.push(result.prompt);
    else problems.push(...result.problems);
  }
  if (files.length === 0)
    problems.push({ file: directory, field: '(directory)', reason: 'holds no prompt files' });
  const promptIds = new Set(files.map((file) => file.replace(/\.md$/, '')));
  const { diagrams, problems: diagramProblems } = await loadPromptDiagrams(directory, names, promptIds);
  problems.push(...diagramProblems);
  // Checked against the prompts only when they all parsed: a broken prompt would show as uncovered.
  let topics: PromptTopic[] = [];
  const topicsText = names.includes(TOPICS_FILE)
    ? await readFile(join(directory, TOPICS_FILE), 'utf8')
    : null;
  if (topicsText !== null && problems.length === 0) {
    const topicsResult = parseTopicsFile(topicsText, prompts);
    if (topicsResult.ok) topics = topicsResult.topics;
    else problems.push(...topicsResult.problems);
  }
  if (problems.length > 0) throw new PromptLibraryError(problems);
  return { rubric: rubricResult.rubric, prompts, diagrams, topics };
}

/**
 * Reads the `<id>.diagram.yaml` files among `names` and validates each. A diagram needs its
 * prompt (`<id>.md`); a prompt without a diagram is a problem only when `requireAll` is on.
 */
export async function loadPromptDiagrams(
  directory: string,
  names: readonly string[],
  promptIds: ReadonlySet<string>,
  requireAll: boolean = REQUIRE_DIAGRAMS,
): Promise<{ diagrams: Map<string, PromptDiagram>; problems: ContentProblem[] }> {
  const problems: ContentProblem[] = [];
  const diagramFiles = names.filter((name) => name.endsWith(DIAGRAM_SUFFIX)).sort();
  const diagrams = new Map<string, PromptDiagram>();
  for (const file of diagramFiles) {
    const id = file.slice(0, -DIAGRAM_SUFFIX.length);
    if (!promptIds.has(id)) {
      problems.push({ file, field: '(file)', reason: `has no prompt beside it: expected ${id}.md` });
      continue;
    }
    const result = parseDiagramFile(await readFile(join(directory, file), 'utf8'), file);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    diagrams.set(id, lazilyLaidOut(result.diagram));
  }
  if (requireAll) {
    for (const id of [...promptIds].sort()) {
      if (!diagramFiles.includes(`${id}${DIAGRAM_SUFFIX}`)) {
        problems.push({
          file: `${id}${DIAGRAM_SUFFIX}`,
          field: '(file)',
          reason: `is missing: every prompt needs its reference diagram beside ${id}.md`,
        });
      }
    }
  }
  return { diagrams, problems };
}

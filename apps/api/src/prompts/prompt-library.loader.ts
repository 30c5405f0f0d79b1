import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Rubric } from '@mockboard/contracts';
import { parsePromptFile, type Prompt } from '@mockboard/prompts';
import { formatProblem, parseRubric, type ContentProblem } from '@mockboard/rubric';

export interface PromptLibrary {
  rubric: Rubric;
  prompts: Prompt[];
}

/** Thrown when content files are broken; the message lists every problem as "file: field: reason". */
export class PromptLibraryError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(`The prompt library in prompts/ is invalid:\n  ${problems.map(formatProblem).join('\n  ')}`);
  }
}

/** Reads `rubric.yaml` and every `*.md` prompt (except README.md) from `directory` and validates them. */
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

  const files = (await readdir(directory))
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .sort();
  const problems: ContentProblem[] = [];
  const prompts: Prompt[] = [];
  for (const file of files) {
    const result = parsePromptFile(await readFile(join(directory, file), 'utf8'), file, dimensionIds);
    if (result.ok) prompts.push(result.prompt);
    else problems.push(...result.problems);
  }
  if (files.length === 0)
    problems.push({ file: directory, field: '(directory)', reason: 'holds no prompt files' });
  if (problems.length > 0) throw new PromptLibraryError(problems);
  return { rubric: rubricResult.rubric, prompts };
}

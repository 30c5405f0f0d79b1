import { resolve } from 'node:path';
import { formatProblem } from '@mockboard/rubric';
import { PromptLibraryError, layOutEvery, loadPromptLibrary } from '../prompts/prompt-library.loader';

/**
 * `npm run prompts:check [dir]`: validates the prompt library as the server does at start, and lays
 * out every reference diagram, which the server does only when one is first shown.
 */
async function main(): Promise<void> {
  const directory = resolve(process.argv[2] ?? process.env.PROMPTS_DIR ?? 'prompts');
  try {
    const library = await loadPromptLibrary(directory);
    const layoutProblems = layOutEvery(library);
    if (layoutProblems.length > 0) throw new PromptLibraryError(layoutProblems);
    process.stdout.write(
      `prompts:check: ${library.prompts.length} prompts and a rubric of ${library.rubric.dimensions.length} dimensions in ${directory} are valid (${library.diagrams.size} reference diagrams, ${library.topics.length} topics)\n`,
    );
  } catch (error) {
    if (!(error instanceof PromptLibraryError)) throw error;
    process.stderr.write(`prompts:check: ${error.problems.length} problem(s) in ${directory}:\n`);
    for (const problem of error.problems) process.stderr.write(`  ${formatProblem(problem)}\n`);
    process.exitCode = 1;
  }
}

void main();

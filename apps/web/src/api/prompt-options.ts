import type { PromptSummary } from '@mockboard/contracts';
import { listPrompts } from './prompts';

let shared: Promise<PromptSummary[]> | undefined;

/**
 * The whole library for prompt pickers. Several pickers share one request per page load; a failed
 * request is forgotten so "Try again" asks the server again.
 */
export function loadPromptOptions(): Promise<PromptSummary[]> {
  shared ??= listPrompts({}).then(
    ({ prompts }) => [...prompts].sort((a, b) => a.title.localeCompare(b.title)),
    (error: unknown) => {
      shared = undefined;
      throw error;
    },
  );
  return shared;
}

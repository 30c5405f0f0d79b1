import type { RubricSignal } from '@mockboard/contracts';
import { useMemo } from 'react';
import { getPrompt } from '../api/prompts';
import { useResource } from '../hooks/useResource';

const none: ReadonlyMap<string, RubricSignal> = new Map();

/**
 * The prompt's strong and weak signals per dimension, by dimension id. The API includes them only
 * for readers who may see the interviewer's guide; for everyone else (or if the prompt cannot be
 * loaded) the map is empty and the scorecard simply shows no signals.
 */
export function usePromptSignals(promptId: string | null): ReadonlyMap<string, RubricSignal> {
  const prompt = useResource(`prompt-signals:${promptId ?? ''}`, (signal) =>
    promptId ? getPrompt(promptId, signal) : Promise.resolve(null),
  );
  const signals = prompt.status === 'success' ? prompt.data?.guide?.signals : undefined;
  return useMemo(
    () => (signals ? new Map(signals.map((signal) => [signal.dimensionId, signal])) : none),
    [signals],
  );
}

import type { StudyPlan } from '@mockboard/contracts';
import { useCallback, useRef, useState } from 'react';
import { toApiRequestError, type ApiRequestError } from '../api/client';
import { studyPlanApi } from '../api/study-plan';
import { useResource } from '../hooks/useResource';

export type PlanWrite = () => Promise<StudyPlan>;

/**
 * The board on screen: loaded once, then replaced by the answer of each write. Writes go one after
 * another, so a slow answer can never put back a board older than the one a later write returned.
 */
export function useStudyPlan() {
  const resource = useResource('study-plan', (signal) => studyPlanApi.get(signal));
  const [written, setWritten] = useState<StudyPlan | null>(null);
  const [error, setError] = useState<ApiRequestError | null>(null);
  const [pending, setPending] = useState(false);
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  /** Runs a write after the ones before it; resolves to whether it succeeded (it never throws). */
  const apply = useCallback((write: PlanWrite): Promise<boolean> => {
    const run = queue.current.then(async () => {
      setPending(true);
      try {
        setWritten(await write());
        setError(null);
        return true;
      } catch (caught) {
        setError(toApiRequestError(caught));
        return false;
      } finally {
        setPending(false);
      }
    });
    queue.current = run;
    return run;
  }, []);

  const plan = written ?? (resource.status === 'success' ? resource.data : null);
  return { resource, plan, apply, pending, error, clearError: () => setError(null) };
}

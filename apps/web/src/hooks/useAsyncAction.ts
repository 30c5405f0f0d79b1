import { useCallback, useState } from 'react';
import { toApiRequestError, type ApiRequestError } from '../api/client';

/**
 * One user action that calls the API: whether it is running, and the error it ended with, as the
 * server worded it. `run` resolves to whether the action succeeded; it never throws.
 */
export function useAsyncAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiRequestError | null>(null);

  const run = useCallback(async (action: () => Promise<unknown>): Promise<boolean> => {
    setPending(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (caught) {
      setError(toApiRequestError(caught));
      return false;
    } finally {
      setPending(false);
    }
  }, []);

  const clearError = useCallback(() => setError(null), []);
  return { run, pending, error, clearError };
}

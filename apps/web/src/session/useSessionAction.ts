import type { Session } from '@mockboard/contracts';
import { useCallback, useState } from 'react';
import { toApiRequestError, type ApiRequestError } from '../api/client';

/**
 * Runs one change to a session (cancel, reschedule, choose a prompt…) and hands the updated
 * session, which every such endpoint returns, to the page.
 */
export function useSessionAction(onChange: (session: Session) => void) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiRequestError | null>(null);

  const run = useCallback(
    async (action: () => Promise<Session>): Promise<boolean> => {
      setPending(true);
      setError(null);
      try {
        onChange(await action());
        return true;
      } catch (caught) {
        setError(toApiRequestError(caught));
        return false;
      } finally {
        setPending(false);
      }
    },
    [onChange],
  );

  const clearError = useCallback(() => setError(null), []);
  return { run, pending, error, clearError };
}

import type { Session } from '@mockboard/contracts';
import { useCallback } from 'react';
import { useAsyncAction } from '../hooks/useAsyncAction';

/**
 * Runs one change to a session (cancel, reschedule, choose a prompt…) and hands the updated
 * session, which every such endpoint returns, to the page.
 */
export function useSessionAction(onChange: (session: Session) => void) {
  const action = useAsyncAction();
  const { run: runAction } = action;
  const run = useCallback(
    (change: () => Promise<Session>) => runAction(async () => onChange(await change())),
    [runAction, onChange],
  );
  return { ...action, run };
}

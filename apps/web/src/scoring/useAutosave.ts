import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiRequestError, type ApiRequestError } from '../api/client';
import { useLeaveWarning } from '../hooks/useLeaveWarning';

export type SaveState =
  | { status: 'idle' }
  | { status: 'saving' }
  | { status: 'saved' }
  | { status: 'error'; error: ApiRequestError };

/**
 * Saves the latest value `delayMs` after the last change, one request at a time. Every value is
 * the whole form, so only the newest unsaved one matters; a failed save keeps it as unsaved (the
 * form's text is never replaced) until the next change or `retry` sends it again.
 */
export function useAutosave<T, R>(
  save: (value: T) => Promise<R>,
  onSaved: (result: R) => void,
  delayMs = 800,
) {
  const [state, setState] = useState<SaveState>({ status: 'idle' });
  const unsaved = useRef<{ value: T } | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const inFlight = useRef<Promise<void> | null>(null);
  const callbacks = useRef({ save, onSaved });

  useEffect(() => {
    callbacks.current = { save, onSaved };
  });

  const saveNow = useCallback(async (): Promise<void> => {
    window.clearTimeout(timer.current);
    while (inFlight.current) await inFlight.current;
    const pending = unsaved.current;
    if (!pending) return;
    unsaved.current = null;
    setState({ status: 'saving' });
    const run = callbacks.current.save(pending.value).then(
      (result) => {
        callbacks.current.onSaved(result);
        if (!unsaved.current) setState({ status: 'saved' });
      },
      (error: unknown) => {
        unsaved.current ??= pending;
        setState({ status: 'error', error: toApiRequestError(error) });
      },
    );
    inFlight.current = run.finally(() => {
      inFlight.current = null;
    });
    await inFlight.current;
  }, []);

  const schedule = useCallback(
    (value: T) => {
      unsaved.current = { value };
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void saveNow(), delayMs);
      setState((current) => (current.status === 'saving' ? current : { status: 'saving' }));
    },
    [delayMs, saveNow],
  );

  /** Drops what is waiting (a submit sends the whole form itself) and waits for a save under way. */
  const settle = useCallback(async (): Promise<void> => {
    window.clearTimeout(timer.current);
    unsaved.current = null;
    while (inFlight.current) await inFlight.current;
  }, []);

  // Closing the tab asks first while a save is open; leaving the page saves what is waiting.
  useLeaveWarning(() => Boolean(unsaved.current || inFlight.current));
  useEffect(
    () => () => {
      if (unsaved.current) void saveNow();
    },
    [saveNow],
  );

  return { state, schedule, retry: saveNow, settle };
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbortError, toApiRequestError, type ApiRequestError } from '../api/client';

type Settled<T> =
  { id: string; data: T; error?: undefined } | { id: string; data?: undefined; error: ApiRequestError };

export type ResourceState<T> =
  | { status: 'loading'; previous: T | undefined }
  | { status: 'success'; data: T }
  | { status: 'error'; error: ApiRequestError };

/**
 * Loads data for `key` and reloads whenever the key changes or `retry` is called; the previous
 * request is aborted so a slow, stale response can never overwrite a newer one. While a new key
 * loads, `previous` keeps the last data so lists can stay on screen instead of flashing empty.
 */
export function useResource<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
): ResourceState<T> & { retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const [lastData, setLastData] = useState<T | undefined>(undefined);
  const loadRef = useRef(load);
  const requestId = `${attempt}:${key}`;

  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    const controller = new AbortController();
    loadRef.current(controller.signal).then(
      (data) => {
        setSettled({ id: requestId, data });
        setLastData(data);
      },
      (error: unknown) => {
        if (isAbortError(error) || controller.signal.aborted) return;
        setSettled({ id: requestId, error: toApiRequestError(error) });
      },
    );
    return () => controller.abort();
  }, [requestId]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  if (settled?.id !== requestId) return { status: 'loading', previous: lastData, retry };
  if (settled.error) return { status: 'error', error: settled.error, retry };
  return { status: 'success', data: settled.data as T, retry };
}

/**
 * What a list should show: the loaded data, or the previous data while a new key loads; undefined
 * before the first load and on error.
 */
export function latestData<T>(state: ResourceState<T>): T | undefined {
  return state.status === 'success' ? state.data : state.status === 'loading' ? state.previous : undefined;
}

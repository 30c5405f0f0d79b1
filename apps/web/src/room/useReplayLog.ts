import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReplayEntry } from '@mockboard/contracts';
import { getReplayPage } from '../api/replay';
import { isAbortError, toApiRequestError, type ApiRequestError } from '../api/client';

export interface ReplayLog {
  /** Every entry loaded so far, in order. */
  entries: ReplayEntry[];
  /** Entries in the whole log, as counted when loading began (null before the first page). */
  total: number | null;
  /** Whether the first page has arrived (there is something to show or to say). */
  started: boolean;
  /** Whether the whole log is loaded. */
  done: boolean;
  /** Why loading stopped, if it failed; `retry` goes on from the last page loaded. */
  error: ApiRequestError | null;
  retry: () => void;
}

interface LoadState {
  entries: ReplayEntry[];
  total: number | null;
  started: boolean;
  done: boolean;
  error: ApiRequestError | null;
}

const NOTHING_YET: LoadState = { entries: [], total: null, started: false, done: false, error: null };

/**
 * Loads a session's replay page by page (the server caps each page's size), publishing each page
 * as it arrives so the replay can be watched while the rest loads. Mount it with a `key` of the
 * session id: a new session starts from nothing.
 */
export function useReplayLog(sessionId: string): ReplayLog {
  const [state, setState] = useState<LoadState>(NOTHING_YET);
  const [attempt, setAttempt] = useState(0);
  // Where to go on after a failure (or a remount of the effect): the last page applied.
  const progress = useRef<{ after: string | null; finished: boolean }>({ after: null, finished: false });

  useEffect(() => {
    if (progress.current.finished) return;
    const controller = new AbortController();
    void (async () => {
      try {
        for (;;) {
          const page = await getReplayPage(sessionId, progress.current.after, controller.signal);
          if (controller.signal.aborted) return;
          const done = page.nextCursor === null;
          progress.current = { after: page.nextCursor, finished: done };
          setState((previous) => ({
            entries: previous.entries.concat(page.entries),
            total: previous.total ?? page.total,
            started: true,
            done,
            error: null,
          }));
          if (done) return;
        }
      } catch (error) {
        if (isAbortError(error) || controller.signal.aborted) return;
        setState((previous) => ({ ...previous, error: toApiRequestError(error) }));
      }
    })();
    return () => controller.abort();
  }, [sessionId, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}

import { isAbortError } from '../api/client';

/**
 * Waits that grow: doubling from `firstMs`, each at most `maxMs`, the last cut short so that they add
 * up to `totalMs`. E.g. (500, 8000, 30000) → 0.5, 1, 2, 4, 8, 8, 6.5 s.
 */
export function backoffDelays(firstMs: number, maxMs: number, totalMs: number): number[] {
  const delays: number[] = [];
  let waited = 0;
  for (let next = firstMs; waited < totalMs; next = Math.min(next * 2, maxMs)) {
    const delay = Math.min(next, totalMs - waited);
    delays.push(delay);
    waited += delay;
  }
  return delays;
}

interface RetryOptions {
  /** The waits before the second, third, … attempt; their count is the number of retries. */
  delays: readonly number[];
  /** Whether an attempt that failed with `error` is worth another try. */
  shouldRetry: (error: unknown) => boolean;
  /** Stops the waiting and the attempts (they reject with an AbortError). */
  signal: AbortSignal;
}

/** Runs `attempt` until it succeeds; the error of an attempt not worth repeating, or of the last, is thrown. */
export async function retrying<T>(
  attempt: (signal: AbortSignal) => Promise<T>,
  { delays, shouldRetry, signal }: RetryOptions,
): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt(signal);
    } catch (error) {
      if (isAbortError(error) || retry >= delays.length || !shouldRetry(error)) throw error;
    }
    await pause(delays[retry]!, signal);
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => {
      clearTimeout(timer);
      reject(new DOMException('The wait was aborted', 'AbortError'));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', aborted);
      resolve();
    }, ms);
    if (signal.aborted) aborted();
    else signal.addEventListener('abort', aborted, { once: true });
  });
}

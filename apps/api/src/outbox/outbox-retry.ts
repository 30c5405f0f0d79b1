/**
 * When a failed delivery is tried again. Doubling from one second keeps a brief outage (a lock, a
 * restart) near-instant while a long one costs an attempt every five minutes at most; after
 * MAX_DELIVERY_ATTEMPTS (about 18 minutes of trying) a row is given up on and left for an operator.
 */
export const MAX_DELIVERY_ATTEMPTS = 12;
const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 5 * 60_000;
/** Enough to tell one failure from another in `last_error`; a driver message can be long. */
const ERROR_TEXT_LIMIT = 300;

export type RetryDecision = { giveUp: true } | { giveUp: false; delayMs: number };

/** What to do after the `attempts`-th failed delivery of one row (attempts counts that failure). */
export function afterFailedAttempt(attempts: number): RetryDecision {
  if (attempts >= MAX_DELIVERY_ATTEMPTS) return { giveUp: true };
  const doublings = Math.max(0, attempts - 1);
  return { giveUp: false, delayMs: Math.min(FIRST_RETRY_MS * 2 ** doublings, LONGEST_RETRY_MS) };
}

/**
 * The failure as stored in `last_error` and logged: the error's name and the first line of its
 * message, never a stack (the column is readable by operators, and a stack names our files).
 */
export function describeFailure(error: unknown): string {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n', 1)[0]!.trim() || 'no message';
  return `${name}: ${firstLine}`.slice(0, ERROR_TEXT_LIMIT);
}

/**
 * The per-account login limit: the first FREE_FAILURES failed logins for an email cost nothing;
 * after that each further attempt waits twice as long as the one before (30 s, 1 min, 2 min, …,
 * at most an hour), which holds a guesser to a few dozen tries a day while a person who mistyped
 * a few times barely notices. Counts older than FORGET_AFTER_SECONDS start again from zero.
 */
export const LOGIN_BACKOFF = {
  freeFailures: 5,
  firstWaitSeconds: 30,
  maxWaitSeconds: 60 * 60,
  forgetAfterSeconds: 24 * 60 * 60,
} as const;

/** Seconds to wait after the given number of consecutive failures (0 while still free). */
export function loginBackoffSeconds(failures: number): number {
  const beyond = failures - LOGIN_BACKOFF.freeFailures;
  if (beyond < 0) return 0;
  return Math.min(LOGIN_BACKOFF.firstWaitSeconds * 2 ** Math.min(beyond, 30), LOGIN_BACKOFF.maxWaitSeconds);
}

/** "in 30 seconds", "in 2 minutes", "in 1 hour": when to try again, for the 429 message. */
export function describeWait(seconds: number): string {
  if (seconds < 90) return `in ${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `in ${minutes} minutes`;
  return 'in 1 hour';
}

/** The stored count of one email's recent failed logins. */
export interface LoginThrottleState {
  failures: number;
  blockedUntil: Date | null;
  lastFailureAt: Date;
}

export type LoginAttemptDecision =
  { allowed: false; retryAfterSeconds: number } | { allowed: true; next: LoginThrottleState };

/**
 * Decides a login attempt before the password is checked. An allowed attempt is counted as a
 * failure up front (and the wait it would earn is set at once), so a burst of parallel guesses
 * cannot all slip through before the first one is counted; a successful login then clears it.
 */
export function decideLoginAttempt(state: LoginThrottleState | null, now: Date): LoginAttemptDecision {
  if (state?.blockedUntil && state.blockedUntil > now) {
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((state.blockedUntil.getTime() - now.getTime()) / 1000)),
    };
  }
  const forgotten =
    !state || now.getTime() - state.lastFailureAt.getTime() > LOGIN_BACKOFF.forgetAfterSeconds * 1000;
  const failures = (forgotten ? 0 : state.failures) + 1;
  const wait = loginBackoffSeconds(failures);
  return {
    allowed: true,
    next: {
      failures,
      blockedUntil: wait > 0 ? new Date(now.getTime() + wait * 1000) : null,
      lastFailureAt: now,
    },
  };
}

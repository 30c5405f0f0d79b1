/** The most a bucket of this rate lets through at once, given `creditMs` (TokenBucket.take). */
export function bucketCapacity(perSecond: number, burst: number, creditMs: number): number {
  return Math.max(burst, (creditMs / 1000) * perSecond);
}

/**
 * A rate limit: `perSecond` tokens refill continuously up to `burst`; each message takes one.
 * Pure arithmetic on a clock passed in, so it is cheap and testable.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst = perSecond,
    now = Date.now(),
  ) {
    this.tokens = burst;
    this.updatedAt = now;
  }

  /**
   * Takes a token if there is one. `creditMs`: how much of a client's sending one read may bring
   * at once (the reader's lateness). The bucket holds at least what `perSecond` refills over it (a
   * span shorter than `burst` allows changes nothing): the rate over time stays `perSecond`, and a
   * client within it is not refused for the reader's delay.
   */
  take(now = Date.now(), creditMs = 0): boolean {
    const capacity = bucketCapacity(this.perSecond, this.burst, creditMs);
    // A wall clock stepped back (NTP, a VM restored) refills nothing, and owes nothing either: a
    // negative span would leave every bucket in debt, refusing every client for as long as the step.
    const elapsedMs = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(capacity, this.tokens + (elapsedMs / 1000) * this.perSecond);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Seconds until the next token, for a retry hint. */
  secondsToNext(): number {
    return Math.max(0, (1 - this.tokens) / this.perSecond);
  }
}

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

  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
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

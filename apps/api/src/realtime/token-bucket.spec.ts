import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  const at = 1_000_000;
  const HOUR_MS = 3_600_000;
  /** A bucket of 5 a second and a burst of 10, emptied at `at`. */
  const anEmptiedBucket = (): TokenBucket => {
    const bucket = new TokenBucket(5, 10, at);
    for (let i = 0; i < 10; i += 1) expect(bucket.take(at)).toBe(true);
    expect(bucket.take(at)).toBe(false);
    return bucket;
  };

  it('refills at its rate, up to its burst', () => {
    const bucket = anEmptiedBucket();
    expect(bucket.take(at + 200)).toBe(true);
    expect(bucket.take(at + 200)).toBe(false);
    expect(bucket.secondsToNext()).toBeCloseTo(0.2);
    const later = at + 60_000;
    for (let i = 0; i < 10; i += 1) expect(bucket.take(later)).toBe(true);
    expect(bucket.take(later)).toBe(false);
  });

  it('owes nothing for a clock stepped back: it refills at its rate from the new time', () => {
    const bucket = anEmptiedBucket();
    const back = at - HOUR_MS;
    expect(bucket.take(back)).toBe(false);
    // Without the guard the hour counted as minus 18,000 tokens: refused for the next hour.
    expect(bucket.take(back + 200)).toBe(true);
    expect(bucket.secondsToNext()).toBeCloseTo(0.2);
  });
});

import { MAX_DELIVERY_ATTEMPTS, afterFailedAttempt, describeFailure } from './outbox-retry';

describe('outbox retries', () => {
  it('waits one second after the first failure and doubles the wait after each further one', () => {
    expect([1, 2, 3, 4].map(afterFailedAttempt)).toEqual([
      { giveUp: false, delayMs: 1_000 },
      { giveUp: false, delayMs: 2_000 },
      { giveUp: false, delayMs: 4_000 },
      { giveUp: false, delayMs: 8_000 },
    ]);
  });

  it('never waits more than five minutes between attempts', () => {
    expect(afterFailedAttempt(MAX_DELIVERY_ATTEMPTS - 1)).toEqual({ giveUp: false, delayMs: 5 * 60_000 });
  });

  it('gives up after the last allowed attempt', () => {
    expect(afterFailedAttempt(MAX_DELIVERY_ATTEMPTS)).toEqual({ giveUp: true });
    expect(afterFailedAttempt(MAX_DELIVERY_ATTEMPTS + 3)).toEqual({ giveUp: true });
  });

  it('describes a failure by its name and first line, without the stack', () => {
    const error = new TypeError('payload is not an object\nsecond line');
    expect(describeFailure(error)).toBe('TypeError: payload is not an object');
    expect(describeFailure('plain text')).toBe('Error: plain text');
    expect(describeFailure(new Error('x'.repeat(1_000)))).toHaveLength(300);
  });
});

import { LOGIN_BACKOFF, decideLoginAttempt, describeWait, loginBackoffSeconds } from './login-backoff';

describe('loginBackoffSeconds', () => {
  it('lets the first failures through without waiting', () => {
    for (let failures = 0; failures < LOGIN_BACKOFF.freeFailures; failures++) {
      expect(loginBackoffSeconds(failures)).toBe(0);
    }
  });

  it('doubles the wait after each further failure', () => {
    const waits = [5, 6, 7, 8].map(loginBackoffSeconds);
    expect(waits).toEqual([30, 60, 120, 240]);
  });

  it('never waits longer than an hour, however many failures', () => {
    expect(loginBackoffSeconds(12)).toBe(3600);
    expect(loginBackoffSeconds(10_000)).toBe(3600);
  });
});

describe('describeWait', () => {
  it.each([
    [1, 'in 1 second'],
    [30, 'in 30 seconds'],
    [120, 'in 2 minutes'],
    [3600, 'in 1 hour'],
  ])('%i seconds reads "%s"', (seconds, text) => {
    expect(describeWait(seconds)).toBe(text);
  });
});

describe('decideLoginAttempt', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000);
  const secondsAhead = (seconds: number) => new Date(now.getTime() + seconds * 1000);

  it('allows a first attempt and counts it', () => {
    expect(decideLoginAttempt(null, now)).toEqual({
      allowed: true,
      next: { failures: 1, blockedUntil: null, lastFailureAt: now },
    });
  });

  it('sets the first wait when the attempt reaches the free allowance', () => {
    const state = { failures: 4, blockedUntil: null, lastFailureAt: secondsAgo(5) };

    expect(decideLoginAttempt(state, now)).toEqual({
      allowed: true,
      next: { failures: 5, blockedUntil: secondsAhead(30), lastFailureAt: now },
    });
  });

  it('refuses while blocked, saying how many seconds are left (rounded up)', () => {
    const state = { failures: 5, blockedUntil: new Date(now.getTime() + 12_300), lastFailureAt: now };

    expect(decideLoginAttempt(state, now)).toEqual({ allowed: false, retryAfterSeconds: 13 });
  });

  it('allows one more attempt once the wait is over, and doubles the next wait', () => {
    const state = { failures: 5, blockedUntil: secondsAgo(1), lastFailureAt: secondsAgo(31) };

    expect(decideLoginAttempt(state, now)).toEqual({
      allowed: true,
      next: { failures: 6, blockedUntil: secondsAhead(60), lastFailureAt: now },
    });
  });

  it('forgets failures older than a day', () => {
    const state = { failures: 9, blockedUntil: secondsAgo(3600), lastFailureAt: secondsAgo(2 * 86_400) };

    expect(decideLoginAttempt(state, now)).toEqual({
      allowed: true,
      next: { failures: 1, blockedUntil: null, lastFailureAt: now },
    });
  });
});

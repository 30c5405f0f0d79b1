import { withinLast } from './clock-span';

describe('withinLast', () => {
  it('holds from `since` until the span is over, both ends included', () => {
    expect(withinLast(1_000, 5_000, 5_000)).toBe(true);
    expect(withinLast(1_000, 5_000, 6_000)).toBe(true);
    expect(withinLast(1_000, 5_000, 6_001)).toBe(false);
  });

  it('counts a `since` after `now` (the clock stepped back) as outside', () => {
    expect(withinLast(1_000, 5_000, 4_999)).toBe(false);
  });
});

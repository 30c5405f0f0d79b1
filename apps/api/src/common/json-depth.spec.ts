import { MAX_JSON_DEPTH, nestedDeeperThan } from './json-depth';

function nestedArrays(depth: number): unknown {
  return JSON.parse('['.repeat(depth) + ']'.repeat(depth));
}

describe('nestedDeeperThan', () => {
  it('counts each object or array as one level, and plain values as none', () => {
    expect(nestedDeeperThan('text', 0)).toBe(false);
    expect(nestedDeeperThan(null, 0)).toBe(false);
    expect(nestedDeeperThan({}, 1)).toBe(false);
    expect(nestedDeeperThan({}, 0)).toBe(true);
    expect(nestedDeeperThan({ a: [1, { b: 'c' }] }, 3)).toBe(false);
    expect(nestedDeeperThan({ a: [1, { b: [] }] }, 3)).toBe(true);
  });

  it('accepts nesting exactly at the limit and refuses one level more', () => {
    expect(nestedDeeperThan(nestedArrays(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(nestedDeeperThan(nestedArrays(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
  });

  it('finds a deep branch beside shallow ones', () => {
    const value = { shallow: [1, 2, 3], deep: { inner: nestedArrays(100) }, more: 'x' };
    expect(nestedDeeperThan(value, MAX_JSON_DEPTH)).toBe(true);
  });

  it('walks a million levels without overflowing the stack', () => {
    expect(nestedDeeperThan(nestedArrays(1_000_000), MAX_JSON_DEPTH)).toBe(true);
  });

  it('is not fooled by a wide value: width is not depth', () => {
    const wide = Array.from({ length: 10_000 }, (_, i) => ({ i, points: [[i, i]] }));
    expect(nestedDeeperThan(wide, 4)).toBe(false);
    expect(nestedDeeperThan(wide, 3)).toBe(true);
  });
});

import { incomingWins, mergeElements, type Versioned } from './element-version';

const copy = (overrides: Partial<Versioned> & { tag?: string } = {}): Versioned & { tag?: string } => ({
  id: 'rect',
  version: 1,
  versionNonce: 500,
  isDeleted: false,
  ...overrides,
});

/** Every ordering of a list, to check that merging commutes. */
function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}

describe('incomingWins', () => {
  it('accepts an element the scene does not have', () => {
    expect(incomingWins(undefined, copy())).toBe(true);
  });

  it('lets the higher version win', () => {
    expect(incomingWins(copy({ version: 2 }), copy({ version: 3 }))).toBe(true);
    expect(incomingWins(copy({ version: 3 }), copy({ version: 2 }))).toBe(false);
  });

  it('breaks a version tie with the lower versionNonce', () => {
    expect(
      incomingWins(copy({ version: 4, versionNonce: 900 }), copy({ version: 4, versionNonce: 100 })),
    ).toBe(true);
    expect(
      incomingWins(copy({ version: 4, versionNonce: 100 }), copy({ version: 4, versionNonce: 900 })),
    ).toBe(false);
  });

  it('treats an identical copy as no change, so resent duplicates are harmless', () => {
    expect(incomingWins(copy(), copy())).toBe(false);
  });

  it('never lets an older copy resurrect a deleted element', () => {
    const tombstone = copy({ version: 7, isDeleted: true });
    expect(incomingWins(tombstone, copy({ version: 6, isDeleted: false }))).toBe(false);
    expect(incomingWins(tombstone, copy({ version: 7, versionNonce: 999_999, isDeleted: false }))).toBe(
      tombstone.versionNonce > 999_999,
    );
  });

  it('lets a newer edit (an undo of the deletion) bring an element back', () => {
    expect(incomingWins(copy({ version: 7, isDeleted: true }), copy({ version: 8, isDeleted: false }))).toBe(
      true,
    );
  });
});

describe('mergeElements', () => {
  it('converges to the same scene whatever order the copies arrive in', () => {
    const copies = [
      copy({ version: 2, versionNonce: 40, tag: 'a' }),
      copy({ version: 3, versionNonce: 90, tag: 'b' }),
      copy({ version: 3, versionNonce: 10, tag: 'c' }),
      copy({ version: 1, versionNonce: 5, tag: 'd' }),
      copy({ id: 'arrow', version: 1, tag: 'e' }),
    ];
    const results = permutations(copies).map((order) => {
      const scene = new Map<string, Versioned & { tag?: string }>();
      mergeElements(scene, order);
      return JSON.stringify([...scene.entries()].sort(([a], [b]) => a.localeCompare(b)));
    });
    expect(new Set(results).size).toBe(1);
    expect(results[0]).toContain('"tag":"c"');
  });

  it('returns only the copies that changed the scene', () => {
    const scene = new Map([['rect', copy({ version: 5 })]]);
    const accepted = mergeElements(scene, [
      copy({ version: 4 }),
      copy({ id: 'new', version: 1 }),
      copy({ version: 6 }),
    ]);
    expect(accepted.map((element) => `${element.id}@${element.version}`)).toEqual(['new@1', 'rect@6']);
  });

  it('keeps only the winning copy of an id sent twice in one batch', () => {
    const scene = new Map<string, Versioned>();
    const accepted = mergeElements(scene, [copy({ version: 3 }), copy({ version: 2 })]);
    expect(accepted).toEqual([copy({ version: 3 })]);
  });
});

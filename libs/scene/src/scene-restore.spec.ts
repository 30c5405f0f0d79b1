import type { Versioned } from './element-version';
import { restoreScene } from './scene-restore';

const aCopy = (id: string, version: number, versionNonce = 7): Versioned => ({
  id,
  version,
  versionNonce,
  isDeleted: false,
});
const sceneOf = (...copies: Versioned[]) => new Map(copies.map((copy) => [copy.id, copy]));

describe('restoreScene', () => {
  it('replaces the refused copy with the older stored one (a merge would keep the refused copy)', () => {
    const scene = sceneOf(aCopy('a', 5));
    const plan = restoreScene(scene, [aCopy('a', 5)], [aCopy('a', 4)]);
    expect(plan).toEqual({ replaced: [aCopy('a', 4)], removed: [] });
    expect(scene.get('a')).toEqual(aCopy('a', 4));
  });

  it('removes an element the store never had', () => {
    const scene = sceneOf(aCopy('a', 1), aCopy('b', 1));
    expect(restoreScene(scene, [aCopy('a', 1)], [])).toEqual({ replaced: [], removed: ['a'] });
    expect([...scene.keys()]).toEqual(['b']);
  });

  it('replaces a copy older than the refused one, and adds a stored copy the scene lacked', () => {
    const scene = sceneOf(aCopy('a', 3));
    const plan = restoreScene(scene, [aCopy('a', 5), aCopy('b', 2)], [aCopy('a', 4), aCopy('b', 1)]);
    expect(plan.replaced).toEqual([aCopy('a', 4), aCopy('b', 1)]);
  });

  it('leaves a newer copy alone: a later edit has its own fate', () => {
    const scene = sceneOf(aCopy('a', 6));
    expect(restoreScene(scene, [aCopy('a', 5)], [aCopy('a', 4)])).toEqual({ replaced: [], removed: [] });
    expect(scene.get('a')).toEqual(aCopy('a', 6));
  });

  it('tells a tie by the nonce: the refused copy’s rival with a higher nonce is older', () => {
    const scene = sceneOf(aCopy('a', 5, 9));
    restoreScene(scene, [aCopy('a', 5, 3)], [aCopy('a', 4)]);
    expect(scene.get('a')).toEqual(aCopy('a', 4));
  });

  it('changes nothing when the scene already holds the stored copy', () => {
    const scene = sceneOf(aCopy('a', 4));
    expect(restoreScene(scene, [aCopy('a', 5)], [aCopy('a', 4)])).toEqual({ replaced: [], removed: [] });
  });

  it('keeps showing an unacknowledged copy of our own that is not the refused one', () => {
    const scene = sceneOf(aCopy('a', 6, 1));
    const unacked = sceneOf(aCopy('a', 5, 2));
    // Another tab's refused copy beat ours on screen; ours is still on its way to the store.
    const plan = restoreScene(scene, [aCopy('a', 6, 1)], [aCopy('a', 4)], unacked);
    expect(plan.replaced).toEqual([aCopy('a', 5, 2)]);
    expect(restoreScene(sceneOf(aCopy('a', 5)), [aCopy('a', 5)], [], sceneOf(aCopy('a', 5)))).toEqual({
      replaced: [],
      removed: ['a'],
    });
  });
});

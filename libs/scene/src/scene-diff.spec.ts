import type { Versioned } from './element-version';
import { rememberVersions, unsentElements } from './scene-diff';

const anElement = (id: string, version = 1): Versioned => ({
  id,
  version,
  versionNonce: 7,
  isDeleted: false,
});

describe('unsentElements', () => {
  it('sends every element of a fresh scene', () => {
    const scene = [anElement('a'), anElement('b')];
    expect(unsentElements(scene, new Map())).toEqual(scene);
  });

  it('sends only the elements whose version changed since they were shared', () => {
    const shared = new Map<string, number>();
    rememberVersions(shared, [anElement('a', 3), anElement('b', 1)]);
    const changed = unsentElements([anElement('a', 3), anElement('b', 2), anElement('c')], shared);
    expect(changed.map((element) => `${element.id}@${element.version}`)).toEqual(['b@2', 'c@1']);
  });

  it("never echoes a peer's copy back once it is remembered", () => {
    const shared = new Map<string, number>();
    const fromPeer = anElement('peer', 9);
    rememberVersions(shared, [fromPeer]);
    expect(unsentElements([fromPeer], shared)).toEqual([]);
  });

  it('sends a deletion, which is a new version of the element', () => {
    const shared = new Map([['a', 4]]);
    const deleted = { ...anElement('a', 5), isDeleted: true };
    expect(unsentElements([deleted], shared)).toEqual([deleted]);
  });
});

import { InstanceLiveness } from './instance-liveness';

describe('InstanceLiveness', () => {
  let liveness: InstanceLiveness;
  beforeEach(() => {
    liveness = new InstanceLiveness(3);
  });

  /** This instance's next beats, having heard its own echo and `heard` before each. */
  const beats = (count: number, heard: string[] = [], echo = true): string[][] =>
    Array.from({ length: count }, () => {
      if (echo) liveness.heardOwn();
      heard.forEach((uid) => liveness.heard(uid, true));
      return liveness.beat();
    });

  it('reports an instance it heard once it has missed as many beats in a row', () => {
    liveness.heard('b', true);
    // The first beat after a message counts no miss: the instance was heard since the last one.
    expect(beats(4)).toEqual([[], [], [], ['b']]);
  });

  it('counts a miss only where this instance heard its own message come back', () => {
    liveness.heard('b', true);
    expect(beats(5, [], false)).toEqual([[], [], [], [], []]);
    expect(beats(2)).toEqual([[], []]);
  });

  it('starts counting again from nothing whenever the instance is heard', () => {
    liveness.heard('b', true);
    beats(2);
    expect(beats(2, ['b'])).toEqual([[], []]);
    expect(beats(3)).toEqual([[], [], ['b']]);
  });

  it('reports it at every beat until it is marked silent or forgotten', () => {
    liveness.heard('b', true);
    liveness.heard('c', true);
    beats(3);
    expect(beats(1)).toEqual([['b', 'c']]);
    liveness.markSilent('b');
    liveness.forget('c');
    expect(beats(2)).toEqual([[], []]);
    expect(liveness.silent()).toEqual(['b']);
  });

  it('says whether an instance heard had been taken for silent, and takes it back', () => {
    liveness.heard('b', true);
    expect(liveness.heard('b', true)).toBe(false);
    beats(4);
    expect(liveness.markSilent('b')).toBe(true);
    expect(liveness.heard('b', true)).toBe(true);
    expect(liveness.silent()).toEqual([]);
    expect(liveness.heard('b', true)).toBe(false);
  });

  it('does not take for silent an instance heard again since it was reported', () => {
    liveness.heard('b', true);
    expect(beats(4).at(-1)).toEqual(['b']);
    liveness.heard('b', true);
    expect(liveness.markSilent('b')).toBe(false);
    expect(liveness.silent()).toEqual([]);
  });

  it('follows only an instance whose beat it heard, whatever else that instance sends', () => {
    liveness.heard('old-release', false);
    expect(beats(10, [], true).flat()).toEqual([]);
    liveness.heard('b', true);
    liveness.heard('b', false);
    expect(beats(4).at(-1)).toEqual(['b']);
  });

  it('never reports an instance it has not heard', () => {
    expect(beats(10)).toEqual(Array.from({ length: 10 }, () => []));
  });
});

import { HeldCopies } from './held-copies';
import type { Versioned } from './element-version';

type Copy = Versioned & { x: number };

const copy = (id: string, version: number, versionNonce = 100, x = version): Copy => ({
  id,
  version,
  versionNonce,
  isDeleted: false,
  x,
});

const SESSION = 'a5d0f2f4-5c1e-4e3a-9d53-0b6a3c1f7e21';
const OTHER_SESSION = 'c3b1e0d2-7a64-4f0e-8b9b-2f1d5e6a7c80';

describe('HeldCopies', () => {
  it('keeps one copy per element, the one that wins, however many arrive', () => {
    const held = new HeldCopies<Copy>();
    for (let version = 1; version <= 50; version += 1) held.hold(SESSION, 1, [copy('dragged', version)]);
    held.hold(SESSION, 1, [copy('dragged', 20)]); // an older copy arriving late changes nothing
    held.hold(SESSION, 1, [copy('dot', 1)]);

    expect(held.take()).toEqual([
      { sessionId: SESSION, round: 1, elements: [copy('dragged', 50), copy('dot', 1)] },
    ]);
    expect(held.isEmpty).toBe(true);
    expect(held.take()).toEqual([]);
  });

  it('breaks a version tie as peers do: the lower versionNonce wins', () => {
    const held = new HeldCopies<Copy>();
    held.hold(SESSION, undefined, [copy('box', 3, 900, 1)]);
    held.hold(SESSION, undefined, [copy('box', 3, 100, 2)]);
    held.hold(SESSION, undefined, [copy('box', 3, 500, 3)]);

    expect(held.take()[0]?.elements).toEqual([copy('box', 3, 100, 2)]);
  });

  it('keeps boards apart: rounds, sessions, and updates that named no round', () => {
    const held = new HeldCopies<Copy>();
    held.hold(SESSION, 1, [copy('box', 1)]);
    held.hold(SESSION, 2, [copy('box', 2)]);
    held.hold(SESSION, undefined, [copy('box', 3)]);
    held.hold(OTHER_SESSION, 1, [copy('box', 4)]);

    expect(held.take()).toEqual([
      { sessionId: SESSION, round: 1, elements: [copy('box', 1)] },
      { sessionId: SESSION, round: 2, elements: [copy('box', 2)] },
      { sessionId: SESSION, round: undefined, elements: [copy('box', 3)] },
      { sessionId: OTHER_SESSION, round: 1, elements: [copy('box', 4)] },
    ]);
  });

  it('withdraws exactly the refused copies of that session, and leaves a later edit alone', () => {
    const held = new HeldCopies<Copy>();
    held.hold(SESSION, 1, [copy('refused', 4, 7), copy('later', 9, 7), copy('kept', 1)]);
    held.hold(SESSION, 2, [copy('refused', 4, 7)]);
    held.hold(OTHER_SESSION, 1, [copy('refused', 4, 7)]);

    held.withdraw(SESSION, [
      { id: 'refused', version: 4, versionNonce: 7 },
      { id: 'later', version: 8, versionNonce: 7 }, // the held copy is newer: not the refused one
      { id: 'absent', version: 1, versionNonce: 1 },
    ]);

    expect(held.take()).toEqual([
      { sessionId: SESSION, round: 1, elements: [copy('later', 9, 7), copy('kept', 1)] },
      { sessionId: OTHER_SESSION, round: 1, elements: [copy('refused', 4, 7)] },
    ]);
  });

  it('is empty once every held copy was withdrawn', () => {
    const held = new HeldCopies<Copy>();
    held.hold(SESSION, 1, [copy('refused', 2, 3)]);
    held.withdraw(SESSION, [{ id: 'refused', version: 2, versionNonce: 3 }]);

    expect(held.isEmpty).toBe(true);
    expect(held.take()).toEqual([]);
  });
});

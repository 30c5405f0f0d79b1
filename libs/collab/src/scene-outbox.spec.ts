import { ROOM_LIMITS } from '@mockboard/contracts';
import { SceneOutbox } from './scene-outbox';
import { aRectangle } from '../../contracts/src/test-elements';

describe('SceneOutbox', () => {
  it('keeps an edit pending until that exact copy is acknowledged', () => {
    const outbox = new SceneOutbox();
    const first = aRectangle({ version: 1 });
    outbox.queue(first);
    const batch = outbox.nextBatch();
    expect(batch).toEqual([first]);
    const newer = { ...first, version: 2, versionNonce: 9 };
    outbox.queue(newer);
    outbox.acknowledged(batch);
    expect(outbox.pending.get(first.id)).toBe(newer);
    outbox.acknowledged(outbox.nextBatch());
    expect(outbox.size).toBe(0);
  });

  it('sends each pending copy once per connection, and all of them again after a drop', () => {
    const outbox = new SceneOutbox();
    outbox.queue(aRectangle());
    outbox.queue(aRectangle());
    expect(outbox.nextBatch()).toHaveLength(2);
    expect(outbox.hasUnsent).toBe(false);
    outbox.sendAllAgain();
    expect(outbox.nextBatch()).toHaveLength(2);
  });

  it('caps a batch at the elements a message may carry', () => {
    const outbox = new SceneOutbox();
    for (let i = 0; i <= ROOM_LIMITS.maxElementsPerUpdate; i++) outbox.queue(aRectangle());
    expect(outbox.nextBatch()).toHaveLength(ROOM_LIMITS.maxElementsPerUpdate);
    expect(outbox.nextBatch()).toHaveLength(1);
  });

  it('queues a batch that did not get through again, unless a newer copy replaced it', () => {
    const outbox = new SceneOutbox();
    const kept = aRectangle();
    const edited = aRectangle();
    outbox.queue(kept);
    outbox.queue(edited);
    const batch = outbox.nextBatch();
    const newer = { ...edited, version: 2 };
    outbox.queue(newer);
    outbox.sendAgain(batch);
    const again = outbox.nextBatch();
    expect(again).toHaveLength(2);
    expect(again).toEqual(expect.arrayContaining([kept, newer]));
  });

  it('drops refused copies but keeps newer ones pending', () => {
    const outbox = new SceneOutbox();
    const refused = aRectangle();
    const other = aRectangle();
    outbox.queue(refused);
    outbox.queue(other);
    const newer = { ...other, version: 3 };
    outbox.queue(newer);
    outbox.drop([refused, other]);
    expect([...outbox.pending.values()]).toEqual([newer]);
  });
});

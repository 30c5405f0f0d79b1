import { CollabError } from './collab-error';
import { LatestSave } from './latest-save';

const REFUSED = () => new CollabError({ code: 'rate_limited', message: 'Slow down' });

/** A pretend server: each save waits until the test answers it, and the texts stored are kept. */
function server() {
  const sent: string[] = [];
  const stored: string[] = [];
  const answers: Array<(error?: Error) => void> = [];
  let onTheWay = 0;
  let mostOnTheWay = 0;
  const sendOnce = (text: string) =>
    new Promise<void>((resolve, reject) => {
      sent.push(text);
      onTheWay += 1;
      mostOnTheWay = Math.max(mostOnTheWay, onTheWay);
      answers.push((error) => {
        onTheWay -= 1;
        if (error) return reject(error);
        stored.push(text);
        resolve();
      });
    });
  /** Answers the oldest save on its way, with `error` if given, and lets the saver go on. */
  const answer = async (error?: Error) => {
    const next = answers.shift();
    if (!next) throw new Error('No save is on its way');
    next(error);
    await jest.advanceTimersByTimeAsync(0);
  };
  return { sendOnce, sent, stored, answer, mostOnTheWay: () => mostOnTheWay };
}

describe('LatestSave (the interviewer notes, saved as they are typed)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends one save at a time, and only the newest of those written meanwhile', async () => {
    const pretend = server();
    const notes = new LatestSave(pretend.sendOnce);
    const first = notes.save('Cache');
    const second = notes.save('Cache the');
    const third = notes.save('Cache the feed');
    expect(pretend.sent).toEqual(['Cache']);
    await pretend.answer();
    await expect(first).resolves.toBe('Cache');
    expect(pretend.sent).toEqual(['Cache', 'Cache the feed']);
    await pretend.answer();
    // The draft that never went out is stored in its successor.
    await expect(second).resolves.toBe('Cache the feed');
    await expect(third).resolves.toBe('Cache the feed');
    expect(pretend.stored).toEqual(['Cache', 'Cache the feed']);
    expect(pretend.mostOnTheWay()).toBe(1);
  });

  it('retries a rate-limited save with the newest text, so an older draft never lands last', async () => {
    const pretend = server();
    const notes = new LatestSave(pretend.sendOnce, { pauseMs: 250, attempts: 5 });
    const older = notes.save('Shard by user');
    await pretend.answer(REFUSED());
    // Written during the pause: the retry carries it, and the older draft is never sent again.
    const newer = notes.save('Shard by user id, not by region');
    await jest.advanceTimersByTimeAsync(250);
    expect(pretend.sent).toEqual(['Shard by user', 'Shard by user id, not by region']);
    await pretend.answer();
    await expect(older).resolves.toBe('Shard by user id, not by region');
    await expect(newer).resolves.toBe('Shard by user id, not by region');
    expect(pretend.stored).toEqual(['Shard by user id, not by region']);
  });

  it('retries with a text written while the refused save was still on its way', async () => {
    const pretend = server();
    const notes = new LatestSave(pretend.sendOnce, { pauseMs: 250, attempts: 5 });
    const older = notes.save('Fan out on write');
    const newer = notes.save('Fan out on write, except for celebrities');
    await pretend.answer(REFUSED());
    await jest.advanceTimersByTimeAsync(250);
    expect(pretend.sent).toEqual(['Fan out on write', 'Fan out on write, except for celebrities']);
    await pretend.answer();
    await expect(older).resolves.toBe('Fan out on write, except for celebrities');
    await expect(newer).resolves.toBe('Fan out on write, except for celebrities');
  });

  it('sends again, newest text first, when the answer never came (a dropped connection)', async () => {
    const pretend = server();
    const notes = new LatestSave(pretend.sendOnce, { pauseMs: 250, attempts: 5 });
    const older = notes.save('Consistent hashing');
    const newer = notes.save('Consistent hashing with virtual nodes');
    await pretend.answer(
      new CollabError({ code: 'internal', message: 'The connection dropped before the server answered' }),
    );
    await jest.advanceTimersByTimeAsync(250);
    await pretend.answer();
    expect(pretend.sent).toEqual(['Consistent hashing', 'Consistent hashing with virtual nodes']);
    await expect(older).resolves.toBe('Consistent hashing with virtual nodes');
    await expect(newer).resolves.toBe('Consistent hashing with virtual nodes');
  });

  it('waits longer after each refusal and gives up after the last attempt', async () => {
    const pretend = server();
    const notes = new LatestSave(pretend.sendOnce, { pauseMs: 100, attempts: 3 });
    const save = notes.save('Queue the uploads');
    const outcome = save.catch((error: unknown) => error);
    await pretend.answer(REFUSED());
    await jest.advanceTimersByTimeAsync(99);
    expect(pretend.sent).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    await pretend.answer(REFUSED());
    await jest.advanceTimersByTimeAsync(199);
    expect(pretend.sent).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    await pretend.answer(REFUSED());
    expect(await outcome).toMatchObject({ code: 'rate_limited' });
    expect(pretend.sent).toHaveLength(3);
  });

  it('fails only the saves a failed attempt carried, and still sends a newer one', async () => {
    const pretend = server();
    const notes = new LatestSave(pretend.sendOnce);
    const refused = notes.save('Read replicas').catch((error: unknown) => error);
    const later = notes.save('Read replicas for the timeline');
    await pretend.answer(new CollabError({ code: 'conflict', message: 'The session is completed' }));
    expect(await refused).toMatchObject({ code: 'conflict' });
    expect(pretend.sent).toEqual(['Read replicas', 'Read replicas for the timeline']);
    await pretend.answer();
    await expect(later).resolves.toBe('Read replicas for the timeline');
  });

  it('starts again at once for a save written after the last one was stored', async () => {
    const pretend = server();
    const notes = new LatestSave(pretend.sendOnce);
    const first = notes.save('One');
    await pretend.answer();
    await first;
    const second = notes.save('Two');
    expect(pretend.sent).toEqual(['One', 'Two']);
    await pretend.answer();
    await expect(second).resolves.toBe('Two');
  });
});

import { SharedReads } from './shared-reads';

describe('SharedReads', () => {
  it('reads each key once for the whole batch, however many mails ask, even while the read runs', async () => {
    const shared = new SharedReads();
    let reads = 0;
    const read = async () => {
      reads++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { session: 'a' };
    };
    const [first, second] = await Promise.all([
      shared.once('session:a', read),
      shared.once('session:a', read),
    ]);
    const third = await shared.once('session:a', read);
    expect(reads).toBe(1);
    expect(second).toBe(first);
    expect(third).toBe(first);
    await shared.once('session:b', read);
    expect(reads).toBe(2);
  });

  it('forgets a read that failed, so the next mail that needs it reads again', async () => {
    const shared = new SharedReads();
    await expect(
      shared.once('session:a', () => Promise.reject(new Error('connection lost'))),
    ).rejects.toThrow('connection lost');
    await expect(shared.once('session:a', () => Promise.resolve('read again'))).resolves.toBe('read again');
  });
});

import { statementsInOrder } from './statements-in-order';

/** A promise and the hands that settle it, to settle statements in any order. */
function pending<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('statementsInOrder', () => {
  it('answers with every result, in the order the statements were issued', async () => {
    const first = pending<number>();
    const second = pending<string>();
    const all = statementsInOrder(first.promise, second.promise);
    second.resolve('second');
    first.resolve(1);
    await expect(all).resolves.toEqual([1, 'second']);
  });

  it('fails with the first statement issued that failed, even when a later one failed sooner', async () => {
    const cause = pending<void>();
    const aborted = pending<void>();
    const all = statementsInOrder(cause.promise, aborted.promise);
    aborted.reject(new Error('current transaction is aborted'));
    await new Promise((resolve) => setImmediate(resolve));
    cause.reject(new Error('the period is taken'));
    await expect(all).rejects.toThrow('the period is taken');
  });

  it('waits for every statement before failing, so none is left settling on a released connection', async () => {
    const failed = pending<void>();
    const slow = pending<void>();
    let settled = false;
    const all = statementsInOrder(failed.promise, slow.promise).catch((error: Error) => {
      settled = true;
      return error;
    });
    failed.reject(new Error('refused'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    slow.resolve();
    expect(((await all) as Error).message).toBe('refused');
  });
});

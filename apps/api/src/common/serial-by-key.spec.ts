import { SerialByKey } from './serial-by-key';

/** A task that finishes when the test says so, noting when it started and ended. */
function aTask(log: string[], name: string) {
  let finish!: (value: string) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const task = () => {
    log.push(`${name} started`);
    return done.finally(() => log.push(`${name} ended`));
  };
  return { task, finish: () => finish(name), fail: () => fail(new Error(`${name} failed`)) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('SerialByKey', () => {
  it('runs the tasks of one key in the order given, each after the last has ended', async () => {
    const log: string[] = [];
    const serial = new SerialByKey();
    const first = aTask(log, 'first');
    const second = aTask(log, 'second');
    const firstResult = serial.run('notes:1', first.task);
    const secondResult = serial.run('notes:1', second.task);
    await settle();
    expect(log).toEqual(['first started']);
    first.finish();
    await expect(firstResult).resolves.toBe('first');
    await settle();
    expect(log).toEqual(['first started', 'first ended', 'second started']);
    second.finish();
    await expect(secondResult).resolves.toBe('second');
  });

  it('runs tasks of different keys side by side', async () => {
    const log: string[] = [];
    const serial = new SerialByKey();
    const one = aTask(log, 'one');
    const other = aTask(log, 'other');
    void serial.run('notes:1', one.task);
    void serial.run('notes:2', other.task);
    await settle();
    expect(log).toEqual(['one started', 'other started']);
    one.finish();
    other.finish();
  });

  it('goes on after a failed task, and forgets a key once its work is done', async () => {
    const log: string[] = [];
    const serial = new SerialByKey();
    const failing = aTask(log, 'failing');
    const next = aTask(log, 'next');
    const failed = serial.run('notes:1', failing.task);
    const after = serial.run('notes:1', next.task);
    failing.fail();
    await expect(failed).rejects.toThrow('failing failed');
    await settle();
    next.finish();
    await expect(after).resolves.toBe('next');
    await settle();
    expect(serial.busyKeys).toBe(0);
  });
});

import { startIntervalJob } from './interval-job';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Until `done` holds, or 5 s: a fixed wait counted too few ticks on CI's loaded machine (one run
 * in 60 ms of a 10 ms interval).
 */
async function waitFor(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!done() && Date.now() < deadline) await wait(10);
}

describe('startIntervalJob', () => {
  it('runs one at a time, and stop waits for the run in flight and ends the ticks', async () => {
    let running = 0;
    let mostAtOnce = 0;
    let runs = 0;
    let finished = 0;
    const job = startIntervalJob(
      async () => {
        runs++;
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        await wait(60); // several ticks pass while this runs
        running--;
        finished++;
      },
      10,
      () => undefined,
    );
    await waitFor(() => runs >= 2);
    await job.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(mostAtOnce).toBe(1);
    expect(finished).toBe(runs);

    const afterStop = runs;
    await wait(50);
    expect(runs).toBe(afterStop);
  });

  it('hands a run that rejects to onError and keeps ticking', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const job = startIntervalJob(
      async () => {
        runs++;
        throw new Error(`run ${runs}`);
      },
      10,
      (error) => errors.push(error),
    );
    await waitFor(() => runs >= 2);
    await job.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(errors).toHaveLength(runs);
    expect(String(errors[0])).toContain('run 1');
  });
});

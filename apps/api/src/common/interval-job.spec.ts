import { waitFor } from '../../test/support/room-client';
import { startIntervalJob } from './interval-job';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
    // Twice, however long a loaded machine (CI's) takes: a fixed 60 ms once held only one run.
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
    // Twice, however long a loaded machine (CI's) takes: a fixed 60 ms once held only one run.
    await waitFor(() => runs >= 2);
    await job.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(errors).toHaveLength(runs);
    expect(String(errors[0])).toContain('run 1');
  });
});

/** A periodic job started with startIntervalJob; `stop` waits for the run in flight. */
export interface IntervalJob {
  stop(): Promise<void>;
}

/**
 * Runs `run` every `everyMs`, one run at a time: a tick that comes while the previous run is still
 * going is skipped, so a slow database never piles up sweeps. The timer is unref'd, so a pending
 * tick never keeps the process alive on its own; `stop` clears it and resolves once the run in
 * flight has finished, so shutdown does not close the database under a sweep.
 *
 * `run` reports its own failures (the sweepers log each step); a rejection that escapes anyway is
 * passed to `onError` rather than left unhandled.
 */
export function startIntervalJob(
  run: () => Promise<unknown>,
  everyMs: number,
  onError: (error: unknown) => void,
): IntervalJob {
  let inFlight: Promise<void> | null = null;
  const timer = setInterval(() => {
    inFlight ??= run()
      .then(() => undefined, onError)
      .finally(() => (inFlight = null));
  }, everyMs).unref();
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}

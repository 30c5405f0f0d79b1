// Holds a process to a share of one core, counted in its own CPU time: in every 100 ms window it works
// until it has used `cores` × 100 ms of CPU, then waits for the next window. On a crowded machine it
// gets less than it asks for, as a real neighbour would; it never takes more.
const WINDOW_MS = 100;

const cpuMsNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * Calls `work()` (a slice of a few ms at most) over and over within the budget; `work` may return a
 * promise (then the next slice waits for it). Returns `stop()`.
 */
export function runWithinBudget(cores, work) {
  let stopped = false;
  const budgetMs = Math.min(1, cores) * WINDOW_MS;
  (async () => {
    while (!stopped) {
      const windowEnds = performance.now() + WINDOW_MS;
      const cpuAtStart = cpuMsNow();
      while (!stopped && cpuMsNow() - cpuAtStart < budgetMs && performance.now() < windowEnds) await work();
      const rest = windowEnds - performance.now();
      // Yield even when the budget is a whole core, so timers and sockets are served.
      await new Promise((done) => setTimeout(done, Math.max(0, rest)));
    }
  })();
  return () => {
    stopped = true;
  };
}

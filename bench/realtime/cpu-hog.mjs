// A busy neighbour: pure computation (SHA-256 over a buffer), as a build or a test run beside the
// server would be, held to CPU_HOG_CORES (≤ 1) of a core. Stops on SIGTERM.
// Usage: CPU_HOG_CORES=1 node bench/realtime/cpu-hog.mjs
import { createHash } from 'node:crypto';
import { runWithinBudget } from './cpu-budget.mjs';

const block = Buffer.alloc(64 * 1024, 7);
const stop = runWithinBudget(Number(process.env.CPU_HOG_CORES ?? 1), () => {
  // ~0.1 ms a slice: the budget is checked often enough to hold the share.
  createHash('sha256').update(block).digest();
});
process.once('SIGTERM', () => {
  stop();
  process.exit(0);
});
process.stdout.write('cpu hog running\n');

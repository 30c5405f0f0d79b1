// Busy neighbours for BENCH_REALTIME_NEIGHBOURS: a CPU hog and another busy server started beside the
// server under test, for every target alike, so the app and the bare relay compete for the same
// leftovers. Issue 18 saw the app persist almost nothing when neighbours took ~1.5 cores of 2.
import { join } from 'node:path';
import { startNode } from './servers.mjs';

/** The other server's share; the hog takes the rest of the neighbours' cores. */
const BUSY_SERVER_CORES = 0.5;

/**
 * How `cores` is split: the busy server takes up to half a core, hogs the rest, at most one core each
 * (one process cannot use more).
 */
export function neighbourPlan(cores) {
  const server = Math.min(BUSY_SERVER_CORES, cores / 3);
  const hogs = [];
  for (let left = cores - server; left > 0.001; left -= 1) hogs.push(Math.min(1, left));
  return { server, hogs };
}

/** Starts the neighbours for `cores`; resolves to { pids, stop() }. */
export async function startNeighbours(root, cores) {
  const plan = neighbourPlan(cores);
  const started = [];
  try {
    started.push(
      await startNode({
        root,
        script: join(root, 'bench/realtime/busy-server.mjs'),
        ready: /busy server running/,
        env: { BUSY_SERVER_CORES: String(plan.server) },
      }),
    );
    for (const share of plan.hogs)
      started.push(
        await startNode({
          root,
          script: join(root, 'bench/realtime/cpu-hog.mjs'),
          ready: /cpu hog running/,
          env: { CPU_HOG_CORES: String(share) },
        }),
      );
  } catch (error) {
    await Promise.allSettled(started.map((process) => process.stop()));
    throw error;
  }
  return {
    pids: started.map((process) => process.pid),
    stop: () => Promise.all(started.map((process) => process.stop())),
  };
}

/** Describes the plan for the report, e.g. "a CPU hog (1 core) and a busy HTTP server (0.5 core)". */
export function describeNeighbours(cores) {
  const { server, hogs } = neighbourPlan(cores);
  const hogText = hogs.map((share) => `${+share.toFixed(2)}`).join(' + ');
  return `${hogs.length === 1 ? 'a CPU hog' : `${hogs.length} CPU hogs`} (${hogText} core) and a busy HTTP server (${+server.toFixed(2)} core)`;
}

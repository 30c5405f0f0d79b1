// How late the app server's own event loop ran over a measured window, read from its /metrics:
// its nodejs_eventloop_lag_p99_seconds and _max_seconds come from a histogram that
// restarts at every scrape, so a read as the window opens restarts it and a read as it closes covers
// the window (both are HTTP requests the loop answers when it gets to them: at 500 rooms on a slow
// VM, 4–8 s late). Node's histogram records the time between its 10 ms samples, so an idle loop
// reads ~10 ms: a figure of 33 ms means the loop ran ~23 ms late. The generator's own delay is
// reported apart: it says whether the load kept up.
// The server's delay is what its timers wait behind, among them the beat that tells the other
// instances it is alive (apps/api/src/realtime/live-instances.ts).

const P99 = /^nodejs_eventloop_lag_p99_seconds\s+(\S+)$/m;
const MAX = /^nodejs_eventloop_lag_max_seconds\s+(\S+)$/m;
const READ_TIMEOUT_MS = 30_000;

/**
 * The largest p99 and max, in ms, over the instances at `urls`; null without instances (the bare
 * relay has no /metrics) or when one does not answer (the run goes on without the figure).
 */
export async function serverLoopDelay(urls = []) {
  if (urls.length === 0) return null;
  try {
    const read = await Promise.all(urls.map(readOne));
    return {
      p99: Math.max(...read.map((one) => one.p99)),
      max: Math.max(...read.map((one) => one.max)),
    };
  } catch {
    return null;
  }
}

async function readOne(url) {
  const response = await fetch(new URL('/metrics', url), { signal: AbortSignal.timeout(READ_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
  const text = await response.text();
  const seconds = (pattern) => {
    const match = pattern.exec(text);
    if (!match) throw new Error(`/metrics has no ${pattern.source}`);
    return Number(match[1]);
  };
  return { p99: seconds(P99) * 1000, max: seconds(MAX) * 1000 };
}

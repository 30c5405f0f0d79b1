// A closed-loop load generator: C workers, each sending its next request as soon as the last answered.
import { performance } from 'node:perf_hooks';

/**
 * Runs `execute(task)` from `concurrency` workers: first for `warmupMs` (not recorded), then for
 * `durationMs`, or until `nextTask()` returns null (a finite supply, e.g. open slots to book).
 * `execute` resolves to `{ ok, detail? }`; a thrown error counts as a failure too. `onMeasure` is
 * called as the measured part starts (e.g. to snapshot CPU counters).
 * Returns every recorded latency (ms), the failures (measured and warm-up), and the measured wall time.
 */
export async function closedLoop({ concurrency, warmupMs, durationMs, nextTask, execute, onMeasure }) {
  const failures = [];
  const warmupFailures = [];
  let exhausted = false;

  async function worker(until, latencies) {
    while (performance.now() < until) {
      const task = nextTask();
      if (task === null) {
        exhausted = true;
        return;
      }
      const started = performance.now();
      let outcome;
      try {
        outcome = await execute(task);
      } catch (error) {
        outcome = { ok: false, detail: error instanceof Error ? error.message : String(error) };
      }
      latencies?.push(performance.now() - started);
      if (!outcome.ok) (latencies ? failures : warmupFailures).push(outcome.detail ?? 'failed');
    }
  }

  const run = async (ms, latencies) => {
    const started = performance.now();
    const until = started + ms;
    await Promise.all(Array.from({ length: concurrency }, () => worker(until, latencies)));
    return performance.now() - started;
  };

  if (warmupMs > 0) await run(warmupMs, null);
  const latencies = [];
  await onMeasure?.();
  const wallMs = exhausted ? 0 : await run(durationMs, latencies);
  return { latencies, failures, warmupFailures, wallMs, exhausted };
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Throughput and latency percentiles of one measured run. */
export function summarize({ latencies, failures, wallMs }) {
  const sorted = Float64Array.from(latencies).sort();
  return {
    count: sorted.length,
    failures: failures.length,
    perSecond: wallMs > 0 ? (sorted.length / wallMs) * 1000 : NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  };
}

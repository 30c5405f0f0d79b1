// BENCH_REALTIME_PERF=<dir>: Linux `perf` samples each target's server during its measured window,
// every thread of it, in user space and in the kernel, as the kernel accounts CPU. V8's own profiler
// (BENCH_REALTIME_CPU_PROF) sees only JavaScript threads one at a time and counts a thread that is
// descheduled inside a system call as busy there, so on a saturated machine it blames writev for
// time the thread was not running; this does not. Summarize with bench/realtime/perf-threads.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Samples a second per thread: fine enough for a 15 s window, light enough not to skew it. */
const FREQUENCY_HZ = 999;

/**
 * Node's flags for a server perf records: --perf-basic-prof writes /tmp/perf-<pid>.map, so that perf
 * can name JavaScript functions. It also turns on V8's own event log, one file per isolate in the
 * working directory (the checkout); that log goes to `dir` instead, one file per server.
 */
export function perfNodeArgs(dir, server) {
  return ['--perf-basic-prof', `--logfile=${join(dir, `${server}.v8.log`)}`, '--no-logfile-per-isolate'];
}

/**
 * Fails at once, before any server starts, when perf cannot record here, or would leave the kernel
 * out: above perf_event_paranoid 1, perf samples another user's process in user space only.
 */
export function checkPerfWorks() {
  const paranoid = Number(readFileSync('/proc/sys/kernel/perf_event_paranoid', 'utf8'));
  if (process.getuid?.() !== 0 && paranoid > 1)
    throw new Error(
      `BENCH_REALTIME_PERF: kernel.perf_event_paranoid is ${paranoid}, so perf would not see the kernel's ` +
        'share; run as root or set it to 1 (sysctl kernel.perf_event_paranoid=1)',
    );
  const probe = spawnSync('perf', ['record', '-e', 'cpu-clock', '-o', '/dev/null', '--', 'true'], {
    encoding: 'utf8',
  });
  if (probe.error || probe.status !== 0)
    throw new Error(
      `BENCH_REALTIME_PERF needs Linux perf (Debian's linux-perf) allowed to sample: ${
        probe.error?.message ?? probe.stderr.trim().split('\n').pop()
      }`,
    );
}

/**
 * Starts recording `pids` (with call graphs) for `seconds`; resolves to the data file once perf has
 * written it. Started as the measured window opens, so it covers that window and nothing else.
 */
export function recordServer({ dir, label, pids, seconds }) {
  const file = join(dir, `${label}.perf.data`);
  // With -p, perf samples those processes for as long as the command after `--` runs.
  const perf = spawn(
    'perf',
    [
      ...['record', '-e', 'cpu-clock', '-F', String(FREQUENCY_HZ), '-g'],
      ...['-p', pids.join(','), '-o', file, '--', 'sleep', String(seconds)],
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  perf.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    perf.once('error', reject);
    perf.once('exit', (code, signal) => {
      if (code === 0) resolve(file);
      else reject(new Error(`perf record ${label} exited with ${code ?? signal}: ${stderr.trim()}`));
    });
  });
}

// Summarizes a recording of BENCH_REALTIME_PERF=<dir> (Linux perf, every thread of the server): CPU
// by kind of thread, each split into user space and the kernel, and the hottest functions of each.
// Usage: node bench/realtime/perf-threads.mjs <file.perf.data> [--top 15]
// Needs `perf script` (Debian's linux-perf); JavaScript functions are named from /tmp/perf-<pid>.map,
// which the server wrote while it ran (node --perf-basic-prof), so read a recording on its machine.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { formatTable, whole } from '../lib/table.mjs';
import { share } from './format.mjs';

/**
 * One sample: its program, process and thread, when it was taken (s), and its frames, innermost
 * first. Reads `perf script -F comm,pid,tid,time,ip,sym,dso`.
 */
function parsePerfScript(text) {
  const samples = [];
  let sample = null;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    // A sample's header ("  pid/tid  time:") starts at the margin; its frames are indented by a tab.
    if (!line.startsWith('\t')) {
      const header = /^\s*(\S+)\s+(\d+)\/(\d+)\s+([\d.]+):/.exec(line);
      sample = header
        ? { command: header[1], pid: header[2], tid: header[3], at: Number(header[4]), frames: [] }
        : null;
      if (sample) samples.push(sample);
      continue;
    }
    const frame = /^\s*[0-9a-f]+\s+(.*)\s+\((.*)\)$/.exec(line);
    if (sample && frame) sample.frames.push({ symbol: frame[1], object: frame[2] });
  }
  return samples;
}

/**
 * What a thread is: the process's main thread (its event loop), the scene writer's thread (it runs
 * scene-batch code), or another of Node's threads (V8's garbage collection and compiler, libuv).
 */
function threadKinds(samples) {
  const writers = new Set(
    samples
      .filter((sample) => sample.frames.some((frame) => frame.symbol.includes('scene-batch')))
      .map((sample) => `${sample.pid}/${sample.tid}`),
  );
  return (sample) => {
    // The proxy in front of several instances (app-proxy-x2) is a program of its own.
    if (sample.command !== 'node') return `${sample.command} (another program)`;
    if (sample.tid === sample.pid) return 'main (event loop)';
    return writers.has(`${sample.pid}/${sample.tid}`) ? 'scene writer' : 'other (V8 GC, compiler, libuv)';
  };
}

const inKernel = (frame) => frame.object.startsWith('[kernel');
/** Frames named from the perf map Node wrote (JIT-compiled JavaScript). */
const isJavaScript = (frame) => frame.symbol.startsWith('JS:') || frame.object.startsWith('/tmp/perf-');

/** A frame's name without V8's tier marks and the checkout's path. */
function nameOf(frame) {
  const name = frame.symbol
    .replace(/^JS:[*~^]?/, '')
    .replace('file://', '')
    .replace(/\/[^ ]*\/(node_modules|apps|libs|bench)\//g, '$1/');
  return inKernel(frame) ? `[kernel] ${name}` : name;
}

export function summarizePerf(samples, { top = 15 } = {}) {
  const kindOf = threadKinds(samples);
  const seconds = samples.length ? samples.at(-1).at - samples[0].at : 0;
  const kinds = new Map();
  for (const sample of samples) {
    const kind = kindOf(sample);
    const entry = kinds.get(kind) ?? {
      samples: 0,
      kernel: 0,
      threads: new Set(),
      leaves: new Map(),
      within: new Map(),
    };
    kinds.set(kind, entry);
    entry.samples += 1;
    entry.threads.add(`${sample.pid}/${sample.tid}`);
    const leaf = sample.frames[0];
    if (!leaf) continue;
    if (inKernel(leaf)) entry.kernel += 1;
    const name = nameOf(leaf);
    entry.leaves.set(name, (entry.leaves.get(name) ?? 0) + 1);
    // Each JavaScript function on the stack, once per sample: what it and everything it called cost.
    for (const within of new Set(sample.frames.filter(isJavaScript).map(nameOf)))
      entry.within.set(within, (entry.within.get(within) ?? 0) + 1);
  }
  const total = samples.length;
  return {
    seconds,
    total,
    kinds: [...kinds].map(([kind, entry]) => ({
      kind,
      threads: entry.threads.size,
      samples: entry.samples,
      share: entry.samples / total,
      kernelShare: entry.samples ? entry.kernel / entry.samples : 0,
      hottest: [...entry.leaves].sort((a, b) => b[1] - a[1]).slice(0, top),
      inclusive: [...entry.within].sort((a, b) => b[1] - a[1]).slice(0, top),
    })),
  };
}

function main(argv) {
  const file = argv[0];
  if (!file) throw new Error('usage: node bench/realtime/perf-threads.mjs <file.perf.data> [--top 15]');
  const topAt = argv.indexOf('--top');
  const top = topAt >= 0 ? Number(argv[topAt + 1]) : 15;
  if (!Number.isInteger(top) || top < 1) throw new Error('--top takes a whole number, e.g. --top 15');
  const script = spawnSync('perf', ['script', '-i', file, '-F', 'comm,pid,tid,time,ip,sym,dso'], {
    encoding: 'utf8',
    maxBuffer: 2 ** 30,
  });
  if (script.error || script.status !== 0)
    throw new Error(`perf script failed: ${script.error?.message ?? script.stderr.trim()}`);
  const summary = summarizePerf(parsePerfScript(script.stdout), { top });
  console.log(`${file}: ${summary.total} samples over ${summary.seconds.toFixed(1)} s\n`);
  console.log(
    formatTable(
      [
        { title: 'threads', align: 'left' },
        { title: 'count' },
        { title: 'samples' },
        { title: 'of all samples' },
        { title: 'in the kernel' },
      ],
      summary.kinds
        .sort((a, b) => b.samples - a.samples)
        .map((kind) => [
          kind.kind,
          whole(kind.threads),
          whole(kind.samples),
          share(kind.share),
          share(kind.kernelShare),
        ]),
    ),
  );
  for (const kind of summary.kinds) {
    console.log(`\n${kind.kind}: hottest functions (self)\n`);
    console.log(functionTable(kind.hottest, kind));
    if (kind.inclusive.length === 0) continue;
    console.log(`\n${kind.kind}: JavaScript functions with what they called (inclusive)\n`);
    console.log(functionTable(kind.inclusive, kind));
  }
}

/** `[name, samples]` pairs of one kind of thread, with each one's share of that kind's samples. */
function functionTable(functions, kind) {
  return formatTable(
    [{ title: 'function', align: 'left' }, { title: 'samples' }, { title: 'of these threads' }],
    functions.map(([name, count]) => [name.slice(0, 110), whole(count), share(count / kind.samples)]),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.slice(2));

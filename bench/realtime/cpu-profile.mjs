// Summarizes a V8 .cpuprofile (from `node --cpu-prof`, e.g. BENCH_REALTIME_CPU_PROF=<dir>): self time
// by package or source area, and the hottest functions, so a profile can be read in a terminal.
// Usage: node bench/realtime/cpu-profile.mjs <file.cpuprofile> [--top 25] [--from-ms 5000] [--to-ms 9000]
//   --from-ms skips the first ms of the profile (start-up, migrations, joins); --to-ms ends the window
//   there (one phase of bench/booking, whose log says when each phase starts).
import { readFileSync } from 'node:fs';
import { formatTable } from '../lib/table.mjs';

/** Where a frame's code lives: a package, an area of the app, Node itself, or V8's pseudo-frames. */
export function areaOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : `(native) ${functionName || 'anonymous'}`;
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1];
  if (url.startsWith('node:')) return url.split('/')[0];
  const inRepo = /\/(apps\/api\/dist\/[^/]+|libs\/[^/]+)/.exec(url);
  return inRepo ? inRepo[1] : url;
}

export function summarizeProfile(profile, { fromMs = 0, toMs = Infinity } = {}) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  let at = 0;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < fromMs * 1000 || at >= toMs * 1000) return;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
    total += delta;
  });
  const byArea = new Map();
  const byFunction = new Map();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    const area = areaOf(url, functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + us);
    const where = url
      ? `${area}:${(url.split('/').pop() ?? '').replace(/\?.*/, '')}:${lineNumber + 1}`
      : area;
    const key = `${functionName || '(anonymous)'} ${where}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const sorted = (map) => [...map].sort((a, b) => b[1] - a[1]);
  return { totalMs: total / 1000, byArea: sorted(byArea), byFunction: sorted(byFunction) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, ...rest] = process.argv.slice(2);
  if (!file) {
    console.error(
      'Usage: node bench/realtime/cpu-profile.mjs <file.cpuprofile> [--top N] [--from-ms MS] [--to-ms MS]',
    );
    process.exit(2);
  }
  const option = (name, fallback) => {
    const index = rest.indexOf(name);
    return index >= 0 ? Number(rest[index + 1]) : fallback;
  };
  const top = option('--top', 25);
  const summary = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')), {
    fromMs: option('--from-ms', 0),
    toMs: option('--to-ms', Infinity),
  });
  const busy = summary.byArea.filter(([area]) => area !== '(idle)').reduce((sum, [, us]) => sum + us, 0);
  const rows = (entries) =>
    entries
      .slice(0, top)
      .map(([name, us]) => [
        name.length > 90 ? `${name.slice(0, 89)}…` : name,
        (us / 1000).toFixed(0),
        `${((us / 1000 / summary.totalMs) * 100).toFixed(1)} %`,
        name.startsWith('(idle)') ? '' : `${((us / busy) * 100).toFixed(1)} %`,
      ]);
  const columns = (first) => [
    { title: first, align: 'left' },
    { title: 'self ms' },
    { title: 'of all' },
    { title: 'of busy' },
  ];
  console.log(
    `${file}: ${(summary.totalMs / 1000).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy\n`,
  );
  console.log(formatTable(columns('area'), rows(summary.byArea)));
  console.log('');
  console.log(formatTable(columns('function'), rows(summary.byFunction)));
}

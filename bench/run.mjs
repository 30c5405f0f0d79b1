// `npm run bench [-- <name>…]`: builds the API if it is stale (tsc -b), then runs every benchmark in
// bench/<name>/index.mjs, or the named ones. Exits non-zero on errors, never on timings.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const benchDir = join(root, 'bench');
/**
 * A benchmark that overruns this (or the `timeLimitMs` it exports) is stopped and cleaned up: a hang
 * is an error, not a result.
 */
const TIME_LIMIT_MS = 110_000;

const available = readdirSync(benchDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(benchDir, entry.name, 'index.mjs')))
  .map((entry) => entry.name)
  .sort();
const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}

console.log('Building the API if needed (tsc -b)…');
const build = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['-b', 'apps/api/tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

// What to undo if the run is interrupted or overruns: stop the server, drop the schema.
const cleanups = new Set();
async function abort(reason, code) {
  console.error(`\n${reason}; cleaning up…`);
  await Promise.allSettled([...cleanups].map((cleanup) => cleanup()));
  process.exit(code);
}
process.once('SIGINT', () => abort('Interrupted', 130));
process.once('SIGTERM', () => abort('Terminated', 143));

let failed = false;
for (const name of requested.length ? requested : available) {
  const benchmark = await import(`./${name}/index.mjs`);
  console.log(`\n== ${name}: ${benchmark.description}`);
  const limitMs = benchmark.timeLimitMs ?? TIME_LIMIT_MS;
  const limit = setTimeout(() => abort(`${name} took longer than ${limitMs / 1000} s`, 1), limitMs);
  const started = Date.now();
  let errors;
  try {
    ({ errors } = await benchmark.run({
      root,
      env: process.env,
      onCleanup: (cleanup) => cleanups.add(cleanup),
      log: (line) => console.log(`· ${line}`),
    }));
  } catch (error) {
    // A benchmark that throws (a bad setting, say) is an error like any other; undo what it started.
    errors = [error instanceof Error ? error.message : String(error)];
    await Promise.allSettled([...cleanups].map((cleanup) => cleanup()));
  }
  clearTimeout(limit);
  cleanups.clear();
  console.log(`\n${name} finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (errors.length) {
    failed = true;
    console.error(`\n${name}: ${errors.length} error(s):\n  ${errors.join('\n  ')}`);
  }
}
process.exit(failed ? 1 : 0);

// `npm start`: builds whatever is missing or stale, then runs the server in the foreground.
// The API compiles incrementally (tsc -b); the web app is rebuilt only when its sources changed.
// `npm start -- --no-build` runs what is already built (a container, a test, a read-only checkout).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.signal) process.exit(128 + (constants.signals[result.signal] ?? 0));
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Newest modification time of any file under `path` (a file or a folder). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function buildWhatIsStale() {
  run(bin('tsc'), ['-b', 'apps/api/tsconfig.build.json']);
  const webIndex = join(root, 'apps/web/dist/index.html');
  const webSources = [
    'apps/web/src',
    'apps/web/public',
    'apps/web/index.html',
    'apps/web/vite.config.ts',
    'apps/web/build',
    // The web app bundles libs from source (vite.config.ts's aliases): any of them may be in it.
    ...readdirSync(join(root, 'libs')).map((lib) => `libs/${lib}/src`),
  ];
  if (newest(webIndex) < Math.max(...webSources.map((path) => newest(join(root, path))))) {
    console.log('Building the web app…');
    // As `npm run build:web` does (vite.config.ts says why the module runner loads the config).
    run(bin('vite'), [
      'build',
      '--config',
      'apps/web/vite.config.ts',
      '--configLoader',
      'runner',
      '--logLevel',
      'warn',
    ]);
  }
}

/**
 * Runs the server and ties its life to ours: a signal we get is passed on, and we exit with the
 * server's code. Why the parent watch too: `npm start` runs us under `sh -c`, and npm forwards
 * SIGTERM to that shell only; dash dies of it without passing it on, which left us (and the
 * server) running as orphans. Ctrl-C worked because the terminal signals the whole group.
 */
function serve() {
  const server = spawn(process.execPath, [join(root, 'apps/api/dist/main.js')], {
    cwd: root,
    stdio: 'inherit',
  });
  // The server stops gracefully on the first signal and ignores repeats (Ctrl-C reaches it twice).
  for (const signal of FORWARDED_SIGNALS) process.on(signal, () => server.kill(signal));

  const parent = process.ppid;
  const parentWatch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(parentWatch);
    server.kill('SIGTERM');
  }, 500);
  parentWatch.unref();

  server.on('exit', (code, signal) => {
    process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
  });
}

// Until the server runs, a signal simply ends the build (the default): nothing to hand over.
if (!process.argv.includes('--no-build')) buildWhatIsStale();
serve();

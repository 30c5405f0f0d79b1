// Starts the real, built server (`node apps/api/dist/main.js`) as a child process on a free port.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const READY = /running at http:\/\/localhost:(\d+)/;
const START_TIMEOUT_MS = 30_000;

/**
 * Spawns the server and returns at once, so that `stop()` works even while it is still starting.
 * `ready` resolves to its url once it prints its address. Only 127.0.0.1 is used: the server listens
 * there (HOST) and the url names it, whatever host the banner prints.
 */
export function startServer({ root, databaseUrl, schema, env = {}, nodeArgs = [] }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'mockboard-bench-'));
  const child = spawn(process.execPath, [...nodeArgs, join(root, 'apps/api/dist/main.js')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: schema,
      JWT_SECRET: randomBytes(32).toString('hex'),
      // The highest value the config accepts: registering the bookers must never be throttled.
      AUTH_RATE_LIMIT_PER_MINUTE: '100000',
      DATA_DIR: dataDir,
      PROMPTS_DIR: join(root, 'prompts'),
      WEB_DIST_DIR: join(root, 'apps/web/dist'),
      ...env,
    },
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  // Until it is ready, everything it prints (to explain a failed start); then warnings and errors.
  let output = '';
  const warnings = [];

  const ready = new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(
      () => fail(`did not start within ${START_TIMEOUT_MS / 1000} s`),
      START_TIMEOUT_MS,
    );
    function fail(reason) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`The server ${reason}:\n${output.trim()}`));
    }
    const watch = (chunk) => {
      if (settled) return collect(warnings, chunk);
      output += chunk;
      const match = READY.exec(output);
      if (match) {
        settled = true;
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout.setEncoding('utf8').on('data', watch);
    child.stderr.setEncoding('utf8').on('data', watch);
    exited.then(({ code, signal }) => fail(`exited (${code ?? signal}) before it was ready`));
  });
  ready.catch(() => {}); // the caller awaits it; a failed start must not also be an unhandled rejection

  return {
    ready,
    pid: child.pid,
    warnings,
    /** SIGTERM, as an orchestrator would send; the server drains and closes its pool. */
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const { code, signal } = await exited;
      await rm(dataDir, { recursive: true, force: true });
      return { code, signal };
    },
  };
}

function collect(warnings, chunk) {
  for (const line of String(chunk).split('\n')) {
    if (line.trim() && !line.includes('"msg":"shutting down"') && warnings.length < 20) warnings.push(line);
  }
}

import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { MIGRATIONS } from '../src/database/migrations';
import { runNode, serverProcessEnv } from './support/server-process';
import { REPO_ROOT } from './support/test-app';

const SEED_JS = join(REPO_ROOT, 'apps/api/dist/cli/seed-demo.js');

/** `npm start` or `node scripts/start.mjs`, on already built code (the test must not rebuild). */
function startScript(via: 'npm' | 'node', env: Record<string, string>) {
  const [command, args] =
    via === 'npm'
      ? ['npm', ['start', '--silent', '--', '--no-build']]
      : [process.execPath, ['scripts/start.mjs', '--no-build']];
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = new Promise<number>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /running at http:\/\/localhost:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    void exited.then(() => reject(new Error(`the server never started:\n${output}`)));
  });
  return { child, exited, port, output: () => output };
}

/** Every process started under `pid` (npm → sh → start.mjs → server), from ps. */
function descendantsOf(pid: number): number[] {
  let listing: string;
  try {
    listing = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there are none
  }
  const children = listing
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((child) => child > 0);
  return children.flatMap((child) => [child, ...descendantsOf(child)]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls until `check` holds; fails the test with `what` if it never does within the test's time. */
async function eventually(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never happened: ${what}`);
}

describe('npm start', () => {
  it.each([
    ['SIGTERM', 'npm start', 'npm'],
    ['SIGTERM', 'node scripts/start.mjs', 'node'],
    ['SIGHUP', 'node scripts/start.mjs', 'node'],
  ] as const)('%s to `%s` stops the server it started', async (signal, _name, via) => {
    const { env, cleanup } = await serverProcessEnv();
    try {
      const started = startScript(via, env);
      const port = await started.port;
      await request(`http://127.0.0.1:${port}`).get('/api/health').expect(200);
      const processes = descendantsOf(started.child.pid!);
      expect(processes.length).toBeGreaterThan(0);

      started.child.kill(signal);

      const code = await started.exited;
      // start.mjs exits with the server's own code: 0 after a graceful stop.
      if (via === 'node') expect(code).toBe(0);
      await eventually('every process under it ended', () => processes.every((pid) => !isAlive(pid)));
      expect(await acceptsConnections(port)).toBe(false);
    } finally {
      await cleanup();
    }
  });
});

describe('the first start and the demo seed', () => {
  it('says what it is doing while it creates the database, and links the sign-in page at PORT', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'mockboard-first-start-'));
    // A DATA_DIR of our choosing is not filled from the migrated template: a true first start.
    const { env, cleanup } = await serverProcessEnv({ DATA_DIR: join(parent, 'data') });
    try {
      const seed = runNode(SEED_JS, [], { ...env, PORT: '4817' });
      expect(await seed.exited).toBe(0);
      const output = seed.output();
      if (!env.DATABASE_URL) {
        expect(output).toContain(`Creating the embedded database in ${join(parent, 'data', 'pglite')}`);
      }
      const total = MIGRATIONS.length;
      expect(output).toContain(`Running database migration 1/${total}: `);
      expect(output).toContain(`Running database migration ${total}/${total}: `);
      expect(output).toContain('sign in at http://localhost:4817/signin');

      // The second run finds everything in place: nothing to announce, and PUBLIC_URL wins.
      const again = runNode(SEED_JS, [], { ...env, PORT: '4817', PUBLIC_URL: 'https://mock.example.org' });
      expect(await again.exited).toBe(0);
      expect(again.output()).not.toContain('Creating the embedded database');
      expect(again.output()).not.toContain('Running database migration');
      expect(again.output()).toContain('sign in at https://mock.example.org/signin');
    } finally {
      await cleanup();
      await rm(parent, { recursive: true, force: true });
    }
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { currentProcess } from '../src/database/process-identity';
import { aRegistration } from './support/factories';
import {
  MAIN_JS,
  runNode,
  serverProcessEnv,
  startServerProcess,
  type ServerProcess,
} from './support/server-process';
import { REPO_ROOT } from './support/test-app';
import { SUITE_POSTGRES } from './support/suite-postgres';

const SEED_JS = join(REPO_ROOT, 'apps/api/dist/cli/seed-demo.js');
const LOCK_JS = join(REPO_ROOT, 'apps/api/dist/database/data-dir-lock.js');
// Starting a server on a busy 2-core machine can take tens of seconds; several run per test.
const PROCESS_TESTS_MS = 240_000;

/**
 * Runs `test` with the environment of processes sharing one fresh embedded database (never
 * DATABASE_URL's) and its lock file's path, and removes that database afterwards, pass or fail.
 */
async function inEmbeddedDir(
  test: (dir: { env: Record<string, string>; lockFile: string }) => Promise<void>,
) {
  const { env, cleanup } = await serverProcessEnv({ DATABASE_URL: '' });
  try {
    await test({ env, lockFile: join(env.DATA_DIR!, 'pglite.lock') });
  } finally {
    await cleanup();
  }
}

/** Every process a test starts, so a failing test leaves none running (holding the directory). */
const started = new Set<ReturnType<typeof runNode>>();
afterEach(async () => {
  for (const run of started) {
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
    await run.exited;
  }
  started.clear();
});

async function serve(env: Record<string, string>): Promise<ServerProcess> {
  const server = await startServerProcess(env);
  started.add(server);
  return server;
}

function run(script: string, args: string[], env: Record<string, string>) {
  const node = runNode(script, args, env);
  started.add(node);
  return node;
}

async function stop(server: ServerProcess): Promise<number | null> {
  server.child.kill('SIGTERM');
  return server.exited;
}

/** Whether a process started serving or exited first, and with which code. */
function startedOrExited(node: ReturnType<typeof runNode>): Promise<'started' | number | null> {
  return new Promise((resolve) => {
    node.child.stdout.on('data', () => {
      if (/running at http/.test(node.output())) resolve('started');
    });
    void node.exited.then(resolve);
  });
}

/** The `line`-th line a process printed (1-based), or all it printed if it ended before. */
function printed(node: ReturnType<typeof runNode>, line: number): Promise<string> {
  return new Promise((resolve) => {
    const check = (): void => {
      const lines = node.output().split('\n');
      if (lines.length > line) resolve(lines[line - 1]!);
    };
    node.child.stdout.on('data', check);
    check();
    void node.exited.then(() => resolve(node.output().trim()));
  });
}

async function signIn(url: string, email: string, password: string): Promise<number> {
  return (await request(url).post('/api/auth/login').send({ email, password })).status;
}

const demoCredentials = (output: string) =>
  [...output.matchAll(/(\S+@\S+)\s+password: (\S+)/g)].map(([, email, password]) => ({
    email: email!,
    password: password!,
  }));

describe('one embedded data directory, one process', () => {
  it(
    'refuses seed:demo while the server runs, naming its pid; the server keeps working and nothing is lost',
    async () => {
      await inEmbeddedDir(async ({ env }) => {
        const server = await serve(env);
        const member = aRegistration();
        await request(server.url).post('/api/auth/register').send(member).expect(201);

        const seed = run(SEED_JS, [], env);
        expect(await seed.exited).toBe(1);
        expect(seed.output()).toContain(
          `is in use by process ${server.child.pid} (node apps/api/dist/main.js, since `,
        );
        expect(seed.output()).toContain('stop the server');
        expect(seed.output()).not.toMatch(/\n\s+at /);

        expect(await signIn(server.url, member.email, member.password)).toBe(200);
        const another = aRegistration();
        await request(server.url).post('/api/auth/register').send(another).expect(201);
        expect(await stop(server)).toBe(0);

        // The order the README gives: seed with the server stopped, then start it.
        const seedAfter = run(SEED_JS, [], env);
        expect(await seedAfter.exited).toBe(0);
        const seedAgain = run(SEED_JS, [], env);
        expect(await seedAgain.exited).toBe(0);
        expect(seedAgain.output()).toContain('existed: password and profile reset');
        const restarted = await serve(env);
        try {
          const demo = demoCredentials(seedAfter.output());
          expect(demo).toHaveLength(2);
          for (const { email, password } of demo)
            expect(await signIn(restarted.url, email, password)).toBe(200);
          for (const user of [member, another]) {
            expect(await signIn(restarted.url, user.email, user.password)).toBe(200);
          }
        } finally {
          expect(await stop(restarted)).toBe(0);
        }
      });
    },
    PROCESS_TESTS_MS,
  );

  it(
    'refuses a second server on the same data directory, naming the first, which keeps serving',
    async () => {
      await inEmbeddedDir(async ({ env, lockFile }) => {
        const first = await serve(env);
        try {
          const second = run(MAIN_JS, [], { ...env, PORT: '0', HOST: '127.0.0.1' });
          expect(await startedOrExited(second)).toBe(1);
          expect(second.output()).toContain(`is in use by process ${first.child.pid}`);
          expect(second.output()).not.toMatch(/\n\s+at /);

          const member = aRegistration();
          await request(first.url).post('/api/auth/register').send(member).expect(201);
          expect(await signIn(first.url, member.email, member.password)).toBe(200);
        } finally {
          expect(await stop(first)).toBe(0);
        }
        // A clean stop gives the directory back.
        expect(existsSync(lockFile)).toBe(false);
      });
    },
    PROCESS_TESTS_MS,
  );

  it(
    'shuts down gracefully when Ctrl+C reaches the server twice (terminal and npm start), giving the directory back',
    async () => {
      await inEmbeddedDir(async ({ env, lockFile }) => {
        const server = await serve(env);
        const member = aRegistration();
        await request(server.url).post('/api/auth/register').send(member).expect(201);
        server.child.kill('SIGINT');
        await new Promise<void>((resolve) => {
          const check = (): void => {
            if (/"msg":"shutting down"/.test(server.output())) resolve();
          };
          server.child.stdout.on('data', check);
          check();
        });
        // What scripts/start.mjs does on Ctrl+C, once the server is already stopping.
        server.child.kill('SIGINT');
        expect(await server.exited).toBe(0);
        expect(existsSync(lockFile)).toBe(false);

        const restarted = await serve(env);
        expect(await signIn(restarted.url, member.email, member.password)).toBe(200);
        expect(await stop(restarted)).toBe(0);
      });
    },
    PROCESS_TESTS_MS,
  );

  it(
    'takes over the lock of a server killed with SIGKILL, and of a pid now reused by another process',
    async () => {
      await inEmbeddedDir(async ({ env, lockFile }) => {
        const killed = await serve(env);
        const member = aRegistration();
        await request(killed.url).post('/api/auth/register').send(member).expect(201);
        killed.child.kill('SIGKILL');
        await killed.exited;
        const leftBehind = JSON.parse(readFileSync(lockFile, 'utf8')) as Record<string, unknown>;
        expect(leftBehind).toMatchObject({ pid: killed.child.pid });

        const seed = run(SEED_JS, [], env);
        expect(await seed.exited).toBe(0);
        expect(existsSync(lockFile)).toBe(false);

        // The dead holder's pid now names a live process (this test's own) that started at another
        // moment: on Linux the start time tells them apart, so the lock is still stale.
        writeFileSync(lockFile, JSON.stringify({ ...leftBehind, pid: process.pid }));
        const restarted = await serve(env);
        try {
          expect(await signIn(restarted.url, member.email, member.password)).toBe(200);
        } finally {
          expect(await stop(restarted)).toBe(0);
        }
      });
    },
    PROCESS_TESTS_MS,
  );

  it(
    'locks nothing on PostgreSQL (DATABASE_URL): seed:demo runs beside the server and its accounts sign in at once',
    async () => {
      const { env, cleanup } = await serverProcessEnv({
        DATABASE_URL: SUITE_POSTGRES,
      });
      try {
        const server = await serve(env);
        const seed = run(SEED_JS, [], env);
        expect(await seed.exited).toBe(0);
        for (const { email, password } of demoCredentials(seed.output())) {
          expect(await signIn(server.url, email, password)).toBe(200);
        }
        expect(existsSync(join(env.DATA_DIR!, 'pglite.lock'))).toBe(false);
        expect(await stop(server)).toBe(0);
      } finally {
        await cleanup();
      }
    },
    PROCESS_TESTS_MS,
  );

  it(
    'gives the lock to exactly one of eight processes that find the same stale lock at once',
    async () => {
      await inEmbeddedDir(async ({ env, lockFile }) => {
        const ended = spawnSync(process.execPath, ['-e', '']).pid;
        const staleLock = { ...currentProcess(), pid: ended, command: 'node', since: '', token: 'old' };
        writeFileSync(lockFile, JSON.stringify(staleLock));
        const contenders = Array.from({ length: 8 }, () =>
          run(
            '-e',
            [
              `const { lockDataDir } = require(${JSON.stringify(LOCK_JS)});
               console.log('ready');
               process.stdin.once('data', () => {
                 try { lockDataDir(${JSON.stringify(join(env.DATA_DIR!, 'pglite'))}); console.log('won'); }
                 catch (error) { console.log(error.name === 'DataDirInUseError' ? 'refused' : error.message); }
                 // Holds the lock until the test has heard from every contender.
                 process.stdin.on('end', () => process.exit(0));
               });`,
            ],
            {},
          ),
        );
        // All start loading at once, but they go for the lock only when every one is ready.
        await Promise.all(contenders.map((contender) => printed(contender, 1)));
        for (const contender of contenders) contender.child.stdin.write('go\n');
        const verdicts = await Promise.all(contenders.map((contender) => printed(contender, 2)));
        for (const contender of contenders) contender.child.stdin.end();
        await Promise.all(contenders.map((contender) => contender.exited));
        expect(verdicts.filter((verdict) => verdict === 'won')).toHaveLength(1);
        expect(verdicts.filter((verdict) => verdict === 'refused')).toHaveLength(7);
        expect(existsSync(lockFile)).toBe(false);
      });
    },
    PROCESS_TESTS_MS,
  );
});

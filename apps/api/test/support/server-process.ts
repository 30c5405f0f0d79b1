import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT, dropDatabase, testConfig } from './test-app';

export const MAIN_JS = join(REPO_ROOT, 'apps/api/dist/main.js');

export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/** Runs a node script of the built app with `env` and collects everything it prints. */
export function runNode(script: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** Starts the built server (`node apps/api/dist/main.js`) and waits until it prints its URL. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const run = runNode(MAIN_JS, [], { PORT: '0', HOST: '127.0.0.1', ...env });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${run.output()}`)), 60_000);
    const check = (): void => {
      const match = /running at (http:\/\/localhost:\d+)/.exec(run.output());
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    };
    run.child.stdout.on('data', check);
    void run.exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`server exited before starting:\n${run.output()}`));
    });
  });
  return { ...run, url };
}

/**
 * The environment of a server process on a fresh test database (embedded under DATA_DIR, or a
 * schema of DATABASE_URL's PostgreSQL), and a cleanup that removes it. Every process started with
 * the same env shares that database and JWT secret, so it can be restarted on the same data.
 */
export async function serverProcessEnv(
  overrides: Record<string, string> = {},
): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  const config = await testConfig(overrides);
  const env: Record<string, string> = {
    DATA_DIR: config.dataDir,
    JWT_SECRET: config.jwt.secret,
    PROMPTS_DIR: config.promptsDir,
    WEB_DIST_DIR: config.webDistDir,
    LOG_LEVEL: config.logLevel,
    AUTH_RATE_LIMIT_PER_MINUTE: String(config.authRateLimitPerMinute),
    ...overrides,
  };
  // The Redis database of this Jest worker (see testConfig), not the one the overrides named.
  if (config.redisUrl) env.REDIS_URL = config.redisUrl;
  if (config.database.kind === 'postgres') {
    env.DATABASE_URL = config.database.url;
    env.DATABASE_SCHEMA = config.database.schema;
  }
  return { env, cleanup: () => dropDatabase(config) };
}

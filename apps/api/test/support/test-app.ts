import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import type { PasswordHashCost } from '../../src/config/password-hash-cost';
import { isUniqueViolation } from '../../src/database/postgres-errors';
import { copyMigratedTemplate } from './embedded-template';

export const REPO_ROOT = resolve(__dirname, '../../../..');

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * The configuration tests run with: the real loader fed a test environment. With DATABASE_URL set
 * (CI's second pass, or passed in `env` by a test that needs PostgreSQL) every test app gets its
 * own schema in that PostgreSQL; otherwise its own embedded database in a temporary folder,
 * copied from one already migrated (see embedded-template.ts).
 */
export async function testConfig(env: Record<string, string> = {}): Promise<AppConfig> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mockboard-test-'));
  const base: Record<string, string> = {
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PROMPTS_DIR: join(REPO_ROOT, 'prompts'),
    WEB_DIST_DIR: join(REPO_ROOT, 'apps/web/dist'),
    JWT_SECRET: randomBytes(32).toString('hex'),
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
  };
  const databaseUrl = env.DATABASE_URL ?? process.env.DATABASE_URL;
  if (databaseUrl) {
    base.DATABASE_URL = databaseUrl;
    base.DATABASE_SCHEMA = `test_${randomBytes(6).toString('hex')}`;
    await keepBtreeGistInPublic(databaseUrl);
  }
  const merged: Record<string, string> = { ...base, ...env, ...ownRedisDatabase(env.REDIS_URL) };
  if (merged.DATABASE_URL) merged.DATABASE_URL = withoutWaitingForFlushes(merged.DATABASE_URL);
  const config: AppConfig = { ...loadConfig(merged), passwordHashCost: TEST_PASSWORD_HASH_COST };
  // A folder the test chose itself may hold a database already; only a fresh one is seeded.
  if (config.database.kind === 'embedded' && env.DATA_DIR === undefined) {
    await copyMigratedTemplate(config.database.dataDir, config.database.schema);
  }
  return config;
}

/**
 * argon2id at a cheap cost (1 MiB, one iteration): 1 ms of CPU a sign-up instead of 35. The
 * suite signs up thousands of users: at OWASP's cost, eight API files spent 13-18 % of their CPU
 * hashing 340 passwords. What tests check of a hash (argon2id, never the password, verified at
 * sign-in) holds at any cost. Servers always hash at OWASP's cost (loadConfig), the server
 * processes that tests start included.
 */
const TEST_PASSWORD_HASH_COST: PasswordHashCost = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

/**
 * A test app's commits on PostgreSQL do not wait for their WAL to reach the disk
 * (synchronous_commit=off, for its connections only). Another connection sees a commit at once
 * either way; what is given up is a commit surviving a crash of PostgreSQL itself, which no test
 * causes. On CI's VM each flush took ~1.8 ms (1,000 single-row commits: 1.9 s, against 0.1 s
 * without), and an API file commits hundreds of times: the 28 migrations of its schema, then every
 * request that writes. It goes through DATABASE_URL's `options`, as a deployment's own settings
 * would (postgresConnection), so the server processes that tests start inherit it.
 */
function withoutWaitingForFlushes(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const own = url.searchParams.get('options');
  url.searchParams.set('options', [own, '-c synchronous_commit=off'].filter(Boolean).join(' '));
  return url.toString();
}

/**
 * Instances on one Redis database see each other (the adapter's stream and channels): a file that
 * freezes or kills an instance makes the live ones wait for its answers. Two files run at the same
 * time only in different Jest workers (CI runs two), so each worker keeps its instances in a Redis
 * database of its own (1, 2, …), whose channels carry its number (clusterChannelPrefix): they never
 * meet another file's instances.
 */
function ownRedisDatabase(url: string | undefined): { REDIS_URL?: string } {
  const worker = Number(process.env.JEST_WORKER_ID ?? '0');
  if (!url || !/^rediss?:\/\/[^/]+\/?$/.test(url)) return {};
  return { REDIS_URL: `${url.replace(/\/$/, '')}/${worker % 16}` };
}

/**
 * The migrations create btree_gist in the first schema they find, i.e. the test app's own. An
 * extension exists once per database, so every other test schema's exclusion constraints would
 * then depend on it, and `DROP SCHEMA ... CASCADE` of that one schema would silently drop them all.
 * Keeping it in `public`, which no test drops, keeps the calendar's no-overlap guarantee in place.
 */
async function keepBtreeGistInPublic(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ schema: string }>(
      `SELECT extnamespace::regnamespace::text AS schema FROM pg_extension WHERE extname = 'btree_gist'`,
    );
    if (rows.length === 0) await client.query('CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public');
    else if (rows[0]!.schema !== 'public') await client.query('ALTER EXTENSION btree_gist SET SCHEMA public');
  } catch (error) {
    // Another test worker created it at the same moment; it is there either way.
    if (!isUniqueViolation(error)) throw error;
  } finally {
    await client.end();
  }
}

/** Starts the whole server on a free port of 127.0.0.1, on a fresh database. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = await testConfig(env);
  return startWithConfig(config);
}

export async function startWithConfig(config: AppConfig): Promise<TestApp> {
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    config,
    url: `http://127.0.0.1:${port}`,
    dataSource: app.get(DataSource),
    close: async () => {
      await app.close();
      await dropDatabase(config);
    },
  };
}

/** Removes what a test app created: its PostgreSQL schema or its embedded data folder. */
export async function dropDatabase(config: AppConfig): Promise<void> {
  if (config.database.kind === 'postgres') {
    const client = new Client({ connectionString: config.database.url });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${config.database.schema}" CASCADE`);
    } finally {
      await client.end();
    }
  }
  await rm(config.dataDir, { recursive: true, force: true });
}

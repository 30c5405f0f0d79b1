import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, MigrationExecutor, type DataSourceOptions, type QueryRunner } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { IDLE_CONNECTION_KEEPALIVE, postgresConnection } from './connection-options';
import { lockDataDir, type DataDirLock } from './data-dir-lock';
import { createEmbeddedDriver } from './embedded-pool';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * How long a pooled PostgreSQL connection may sit idle before it is closed. node-postgres closes
 * one after 10 s, so traffic that pauses for longer than that paid for a cold pool at the next
 * burst: a backend forked per connection, its catalog caches and prepared statements built again.
 * Linux perf showed bench/booking's race, which follows ~12 s in which the app's pool idled, forking
 * 8 backends; PostgreSQL spent 0.92 ms per race request then, 0.70 with the pool kept (RESULTS.md,
 * 5 Dec). What a busy minute opened now stays open for a while (a few MiB of PostgreSQL memory
 * each, and up to 10 of max_connections per instance, which a busy minute took anyway); an idle
 * night still gives them back.
 */
export const POOL_IDLE_TIMEOUT_MS = 5 * 60_000;

/**
 * One DataSource for both databases: real PostgreSQL when DATABASE_URL is set, otherwise the
 * embedded PGlite under DATA_DIR. Same entities, same migrations; never `synchronize`.
 */
export function dataSourceOptions(database: AppConfig['database']): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    schema: database.schema,
    // gen_random_uuid() is built into PostgreSQL 13+; the embedded build has no uuid-ossp to install.
    uuidExtension: 'pgcrypto' as const,
    installExtensions: false,
  };
  if (database.kind === 'postgres') {
    const connection = postgresConnection(database.url, database.schema);
    return {
      ...common,
      url: connection.connectionString,
      poolSize: 10,
      // Every connection resolves unqualified names in the configured schema, so migrations and
      // queries written without a schema land there (tests use one schema per test file).
      extra: {
        options: connection.options,
        idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS,
        ...IDLE_CONNECTION_KEEPALIVE,
      },
    };
  }
  mkdirSync(database.dataDir, { recursive: true });
  return { ...common, driver: createEmbeddedDriver(database.dataDir) };
}

/** Receives one human-readable line per step of a slow start (creating, migrating). */
export type ProgressReport = (message: string) => void;

/**
 * Connects, makes sure the schema exists, and applies pending migrations. The embedded directory
 * is locked first and stays locked until the DataSource is destroyed: every process that opens it
 * (server, seed, tests) comes through here, so a second one is refused with DataDirInUseError.
 */
export async function openDatabase(
  database: AppConfig['database'],
  report: ProgressReport = () => undefined,
): Promise<DataSource> {
  const lock = database.kind === 'embedded' ? lockDataDir(database.dataDir) : undefined;
  let dataSource: DataSource;
  try {
    if (database.kind === 'embedded' && !existsSync(join(database.dataDir, 'PG_VERSION'))) {
      report(`Creating the embedded database in ${database.dataDir} (first start only, up to a minute)…`);
    }
    dataSource = lock
      ? new LockedDataSource(dataSourceOptions(database), lock)
      : new DataSource(dataSourceOptions(database));
    await dataSource.initialize();
  } catch (error) {
    lock?.release();
    throw error;
  }
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${database.schema}"`);
    if (database.kind === 'embedded') await dataSource.query(`SET search_path TO "${database.schema}"`);
    await reportEachMigration(dataSource, report);
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/**
 * Announces each pending migration as it starts ("Running database migration 3/12: …"): a first
 * start runs all of them, 20-75 s on a slow disk, and silence reads as a hang. TypeORM runs a
 * migration through its instance's up(), so wrapping that is the one hook it offers per step.
 */
async function reportEachMigration(dataSource: DataSource, report: ProgressReport): Promise<void> {
  const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
  if (pending.length === 0) return;
  const pendingNames = pending.map((migration) => migration.name);
  for (const migration of dataSource.migrations) {
    const name = migration.name ?? migration.constructor.name;
    const position = pendingNames.indexOf(name) + 1;
    if (position === 0) continue;
    const up = migration.up.bind(migration);
    migration.up = (queryRunner: QueryRunner) => {
      report(`Running database migration ${position}/${pending.length}: ${name}`);
      return up(queryRunner);
    };
  }
}

/** Gives the directory back once the embedded database is closed (flushed), not before. */
class LockedDataSource extends DataSource {
  constructor(
    options: DataSourceOptions,
    private readonly lock: DataDirLock,
  ) {
    super(options);
  }

  override async destroy(): Promise<void> {
    try {
      await super.destroy();
    } finally {
      this.lock.release();
    }
  }
}

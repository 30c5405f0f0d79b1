import { Client } from 'pg';
import { dropDatabase, startWithConfig, testConfig, type TestApp } from './test-app';

/**
 * Tests of transactions that wait for one another need a connection beside the app's, so they
 * always run on PostgreSQL (the embedded database has one): DATABASE_URL, or the local one CI provides.
 */
const POSTGRES = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** An app on PostgreSQL, and a connection of its own to the app's schema for a transaction beside it. */
export interface AppBesideConnection {
  server: TestApp;
  other: Client;
}

/** For a describe block: starts both before its tests and closes them (dropping the schema) after. */
export function appWithSecondConnection(): AppBesideConnection {
  const pair = {} as AppBesideConnection;
  beforeAll(async () => {
    pair.server = await startWithConfig(await testConfig({ DATABASE_URL: POSTGRES }));
    if (pair.server.config.database.kind !== 'postgres')
      throw new Error('a second connection needs PostgreSQL');
    pair.other = new Client({ connectionString: POSTGRES });
    await pair.other.connect();
    await pair.other.query(`SET search_path TO "${pair.server.config.database.schema}"`);
  });
  afterAll(async () => {
    await pair.other?.end();
    await pair.server?.app.close();
    if (pair.server) await dropDatabase(pair.server.config);
  });
  return pair;
}

import { Client } from 'pg';
import { SUITE_POSTGRES } from './suite-postgres';
import { dropDatabase, startWithConfig, testConfig, type TestApp } from './test-app';

/**
 * An app on PostgreSQL, and a connection of its own to the app's schema for a transaction beside
 * it: tests of transactions that wait for one another need one, which the embedded database does
 * not have (SUITE_POSTGRES).
 */
export interface AppBesideConnection {
  server: TestApp;
  other: Client;
}

/** For a describe block: starts both before its tests and closes them (dropping the schema) after. */
export function appWithSecondConnection(): AppBesideConnection {
  const pair = {} as AppBesideConnection;
  beforeAll(async () => {
    pair.server = await startWithConfig(await testConfig({ DATABASE_URL: SUITE_POSTGRES }));
    if (pair.server.config.database.kind !== 'postgres')
      throw new Error('a second connection needs PostgreSQL');
    pair.other = new Client({ connectionString: SUITE_POSTGRES });
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

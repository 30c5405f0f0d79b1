import { Client } from 'pg';
import type { TestApp } from './test-app';

/**
 * Tests of transactions that wait for one another need a connection beside the app's, so they
 * always run on PostgreSQL (the embedded database has one): DATABASE_URL, or the local one CI provides.
 */
export const POSTGRES = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** A connection of its own to `server`'s schema on PostgreSQL, for a transaction beside the app's. */
export async function secondConnection(server: TestApp): Promise<Client> {
  if (server.config.database.kind !== 'postgres') throw new Error('a second connection needs PostgreSQL');
  const client = new Client({ connectionString: POSTGRES });
  await client.connect();
  await client.query(`SET search_path TO "${server.config.database.schema}"`);
  return client;
}

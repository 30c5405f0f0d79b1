// The PostgreSQL a benchmark runs against, and the throw-away schema it owns for one run.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { postgresConnection } from '../../apps/api/dist/database/connection-options.js';

export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/test';

/** The benchmark only ever talks to this machine: a DATABASE_URL elsewhere is refused, not used. */
export function benchDatabaseUrl(env = process.env) {
  const url = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) {
    throw new Error(`DATABASE_URL must point at 127.0.0.1 for a benchmark (got host "${host}")`);
  }
  return url;
}

/** e.g. bench_3f9a0c1d2e4b: a fresh schema per run, so runs never see each other's rows. */
export function freshSchemaName() {
  return `bench_${randomBytes(6).toString('hex')}`;
}

/**
 * A pool whose connections resolve unqualified names in `schema`, as the app's connections do, and
 * show `applicationName` in pg_stat_activity. Settings in DATABASE_URL's own `options` (e.g.
 * `-c log_statement=all`) apply to it too, as they do to the app's (postgresConnection).
 */
export function schemaPool(url, schema, max, applicationName, settings = '') {
  const connection = postgresConnection(url, schema);
  return new pg.Pool({
    ...connection,
    options: `${connection.options} ${settings}`.trim(),
    max,
    application_name: applicationName,
  });
}

async function withClient(url, use) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function btreeGistSchema(client) {
  const { rows } = await client.query(
    `SELECT extnamespace::regnamespace::text AS schema FROM pg_extension WHERE extname = 'btree_gist'`,
  );
  return rows[0]?.schema ?? null;
}

/**
 * btree_gist (the calendar's exclusion constraint needs it) exists once per database, in the schema
 * of whoever created it first; `DROP SCHEMA … CASCADE` of that schema would silently drop the
 * exclusion constraints of every other schema, e.g. of API tests running at the same time. So, as
 * the API tests do (apps/api/test/support/test-app.ts), it lives in public, which nobody drops.
 */
export function keepBtreeGistInPublic(url) {
  return withClient(url, async (client) => {
    const schema = await btreeGistSchema(client);
    try {
      if (schema === null) await client.query('CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public');
      else if (schema !== 'public') await client.query('ALTER EXTENSION btree_gist SET SCHEMA public');
    } catch (error) {
      // Someone created it at the same moment (unique violation); it is there either way.
      if (error.code !== '23505') throw error;
    }
  });
}

export function dropSchema(url, schema) {
  return withClient(url, async (client) => {
    // Never take the extension, and with it others' constraints, down with this schema.
    if ((await btreeGistSchema(client)) === schema) {
      await client.query('ALTER EXTENSION btree_gist SET SCHEMA public');
    }
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });
}

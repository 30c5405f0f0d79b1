/** How a connection to PostgreSQL is opened: where, and with which settings. */
export interface PostgresConnection {
  /** DATABASE_URL without its `options` parameter (see below). */
  connectionString: string;
  /** The server settings for the session: the URL's own `options`, then the schema as search_path. */
  options: string;
}

/**
 * TCP keepalive on every pooled connection once it has idled a minute. The pools keep idle
 * connections for minutes (data-source.ts) or for good (the scene writer's): a NAT or load balancer
 * between the app and PostgreSQL that forgets idle flows sooner (some drop them after 4 minutes)
 * would drop them silently, and the next query would wait for TCP to give up. The probes keep
 * the flow alive, or show a dead one.
 */
export const IDLE_CONNECTION_KEEPALIVE = { keepAlive: true, keepAliveInitialDelayMillis: 60_000 } as const;

/**
 * DATABASE_URL may carry server settings in its `options` parameter (libpq's, e.g.
 * `?options=-c%20statement_timeout%3D5000`), and every connection needs the schema as search_path.
 * node-postgres takes a URL's `options` over the one passed beside it, so the URL's would have
 * replaced the search_path and the app would have read and written another schema. Both go in one
 * `options` here, the schema last: DATABASE_SCHEMA wins over a search_path in the URL.
 */
export function postgresConnection(url: string, schema: string): PostgresConnection {
  const searchPath = `-c search_path=${schema}`;
  // A URL without the parameter goes to node-postgres exactly as written: its own parser, not
  // WHATWG's round trip, reads e.g. an unencoded character in a password.
  if (!/[?&]options=/.test(url)) return { connectionString: url, options: searchPath };
  const parsed = new URL(url);
  const own = parsed.searchParams.get('options')?.trim();
  parsed.searchParams.delete('options');
  return { connectionString: parsed.toString(), options: own ? `${own} ${searchPath}` : searchPath };
}

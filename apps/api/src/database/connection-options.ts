/** How a connection to PostgreSQL is opened: where, and with which settings. */
export interface PostgresConnection {
  /** DATABASE_URL without its `options` parameter (see below). */
  connectionString: string;
  /** The server settings for the session: the URL's own `options`, then the schema as search_path. */
  options: string;
}

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

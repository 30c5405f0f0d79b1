import { Client } from 'pg';
import { SUITE_POSTGRES } from '../../test/support/suite-postgres';
import { postgresConnection } from './connection-options';

describe('postgresConnection', () => {
  it('sets the schema as search_path when the URL has no options', () => {
    expect(postgresConnection('postgresql://app:secret@db:5432/mockboard', 'mockboard')).toEqual({
      connectionString: 'postgresql://app:secret@db:5432/mockboard',
      options: '-c search_path=mockboard',
    });
  });

  it('passes a URL without options on as written, whatever WHATWG would make of it', () => {
    const url = 'postgresql://app:p#ss word@db/mockboard?host=/var/run/postgresql';
    expect(postgresConnection(url, 'public').connectionString).toBe(url);
  });

  it("keeps the URL's own settings and its other parameters, with the schema last", () => {
    const { connectionString, options } = postgresConnection(
      'postgres://app:p%40ss@db/mockboard?sslmode=require&options=-c%20statement_timeout%3D5000%20-c%20search_path%3Dother',
      'mockboard',
    );
    expect(connectionString).toBe('postgres://app:p%40ss@db/mockboard?sslmode=require');
    expect(options).toBe('-c statement_timeout=5000 -c search_path=other -c search_path=mockboard');
  });

  it('gives a real connection both settings', async () => {
    const url = new URL(SUITE_POSTGRES);
    url.searchParams.set('options', '-c statement_timeout=4321');
    const client = new Client(postgresConnection(url.toString(), 'some_schema'));
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT current_setting('statement_timeout') AS timeout, current_setting('search_path') AS path`,
      );
      expect(rows).toEqual([{ timeout: '4321ms', path: 'some_schema' }]);
    } finally {
      await client.end();
    }
  });
});

import { startTestApp, type TestApp } from './support/test-app';

describe('the database', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp();
  });
  afterAll(() => server.close());

  it('is built by migrations at start, never by synchronize, with none left pending', async () => {
    expect(server.dataSource.options.synchronize).toBe(false);
    expect(await server.dataSource.showMigrations()).toBe(false);
    const applied = await server.dataSource.query('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((row: { name: string }) => row.name)).toEqual(
      server.dataSource.migrations.map((migration) => migration.name),
    );
  });

  it('enforces unique emails whatever their case, in the database itself', async () => {
    const insert = (email: string) =>
      server.dataSource.query(
        `INSERT INTO users (email, display_name, timezone, password_hash) VALUES ($1, 'X', 'UTC', 'h')`,
        [email],
      );
    await insert('Same@Example.test');
    await expect(insert('same@example.TEST')).rejects.toMatchObject({ code: '23505' });
  });

  it('keeps concurrent transactions apart (the embedded database serialises them)', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        server.dataSource
          .transaction(async (manager) => {
            await manager.query(
              `INSERT INTO users (email, display_name, timezone, password_hash) VALUES ($1, 'T', 'UTC', 'h')`,
              [`tx-${i}@example.test`],
            );
            const [row] = await manager.query(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [
              `tx-${i}@example.test`,
            ]);
            if (i % 2 === 0) throw new Error('roll back');
            return row.n as number;
          })
          .catch(() => 'rolled back'),
      ),
    );
    expect(results.filter((result) => result === 1)).toHaveLength(10);
    const [{ n }] = await server.dataSource.query(
      `SELECT count(*)::int AS n FROM users WHERE email LIKE 'tx-%'`,
    );
    expect(n).toBe(10);
  });

  it('is its own for each app of a process, and outlives the closing of another app', async () => {
    const other = await startTestApp();
    let closed = false;
    try {
      await other.dataSource.query(`CREATE TABLE only_in_the_other (x int)`);
      const tablesHere = async () =>
        (await server.dataSource.query(
          `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'only_in_the_other'`,
        )) as { n: number }[];
      expect(await tablesHere()).toEqual([{ n: 0 }]);
      await other.close();
      closed = true;
      // Before each embedded app had its own PGlite, closing one closed the other's database too.
      expect(await tablesHere()).toEqual([{ n: 0 }]);
      expect(await server.dataSource.query(`SELECT count(*)::int AS n FROM migrations`)).toEqual([
        { n: server.dataSource.migrations.length },
      ]);
    } finally {
      if (!closed) await other.close();
    }
  });
});

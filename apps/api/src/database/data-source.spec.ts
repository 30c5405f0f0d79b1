import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { SUITE_POSTGRES } from '../../test/support/suite-postgres';
import { dataSourceOptions, POOL_IDLE_TIMEOUT_MS } from './data-source';

describe('dataSourceOptions on PostgreSQL', () => {
  it("keeps the pool's idle connections for minutes, not node-postgres's 10 s", async () => {
    const dataSource = new DataSource(
      dataSourceOptions({
        kind: 'postgres',
        url: SUITE_POSTGRES,
        schema: 'public',
        sceneWriterThread: false,
      }),
    );
    await dataSource.initialize();
    try {
      // Three statements side by side open three connections; each is idle once answered.
      await Promise.all([1, 2, 3].map(() => dataSource.query('SELECT pg_sleep(0.05)')));
      const pool = (dataSource.driver as PostgresDriver).master as {
        idleCount: number;
        options: { idleTimeoutMillis?: number };
      };
      expect(pool.idleCount).toBe(3);
      expect(pool.options.idleTimeoutMillis).toBe(POOL_IDLE_TIMEOUT_MS);
      expect(POOL_IDLE_TIMEOUT_MS).toBeGreaterThanOrEqual(60_000);
    } finally {
      await dataSource.destroy();
    }
  });
});

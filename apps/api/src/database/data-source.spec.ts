import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { SUITE_POSTGRES } from '../../test/support/suite-postgres';
import { IDLE_CONNECTION_KEEPALIVE } from './connection-options';
import { dataSourceOptions, POOL_IDLE_TIMEOUT_MS } from './data-source';

describe('dataSourceOptions on PostgreSQL', () => {
  it("gives node-postgres's pool the idle timeout and the keepalive of its connections", async () => {
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
      // What TypeORM handed the pool it made (node-postgres's default idle timeout is 10 s).
      const pool = (dataSource.driver as PostgresDriver).master as { options: Record<string, unknown> };
      expect(pool.options).toMatchObject({
        idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS,
        ...IDLE_CONNECTION_KEEPALIVE,
      });
    } finally {
      await dataSource.destroy();
    }
  });
});

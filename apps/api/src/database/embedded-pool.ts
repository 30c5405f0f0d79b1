import { PGliteDriver } from 'typeorm-pglite';

// The contrib entry points are reachable only through the package's exports map, which this
// project's CommonJS type resolution does not read; at run time require() resolves them fine.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { btree_gist } = require('@electric-sql/pglite/contrib/btree_gist') as { btree_gist: unknown };

type ConnectCallback = (error: Error | null, connection: unknown, release: () => void) => void;
interface PoolLike {
  connect(callback: ConnectCallback): Promise<void>;
}
type PoolClass = new () => PoolLike;

/**
 * PGlite is a single PostgreSQL session, and typeorm-pglite hands that one session to every query
 * runner at once, so two concurrent transactions would interleave their statements. This driver
 * gives the session to one query runner at a time (a FIFO lock held from connect to release),
 * which is what a pool of size one means: transactions stay atomic and isolated.
 */
export function createEmbeddedDriver(dataDir: string): unknown {
  // Extensions the migrations create must be bundled into the embedded build explicitly.
  const base = new PGliteDriver({ dataDir, extensions: { btree_gist } } as ConstructorParameters<
    typeof PGliteDriver
  >[0]).driver as unknown as { Pool: PoolClass };

  class SerializedPool extends base.Pool {
    private tail: Promise<void> = Promise.resolve();

    override async connect(callback: ConnectCallback): Promise<void> {
      let unlock!: () => void;
      const previous = this.tail;
      this.tail = new Promise<void>((resolve) => (unlock = resolve));
      await previous;
      let released = false;
      await super.connect((error, connection) => {
        const release = (): void => {
          if (released) return;
          released = true;
          unlock();
        };
        if (error) release();
        callback(error, connection, release);
      });
    }
  }

  return { Pool: SerializedPool };
}

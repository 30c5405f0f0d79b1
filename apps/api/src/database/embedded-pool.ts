import { PGlite, types, type Results } from '@electric-sql/pglite';
import { PGliteDriver } from 'typeorm-pglite';

// The contrib entry points are reachable only through the package's exports map, which this
// project's CommonJS type resolution does not read; at run time require() resolves them fine.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { btree_gist } = require('@electric-sql/pglite/contrib/btree_gist') as { btree_gist: unknown };

type ConnectCallback = (error: Error | null, connection: unknown, release: () => void) => void;
type QueryCallback = (error: Error | null, result: unknown) => void;
type PoolClass = new () => object;

/** As typeorm-pglite sends them: a JS boolean (or 1/0, "true"/"false") becomes SQL's TRUE/FALSE. */
function sqlBoolean(value: unknown): unknown {
  if (value === true || value === 'true' || value === 1) return 'TRUE';
  if (value === false || value === 'false' || value === 0) return 'FALSE';
  return value;
}

/**
 * The embedded database's pool for TypeORM's postgres driver, one per DataSource.
 *
 * typeorm-pglite's own pool keeps one PGlite per process (a static): every DataSource of the
 * process used whichever database was opened first, and closing any of them closed it for all,
 * after which the next query silently opened the last-configured folder. A test file with two
 * embedded apps ran both on the first one's database, and a query of one after the other closed
 * reopened a folder its test was deleting (CI: ENOTEMPTY). Here each pool opens its own PGlite on
 * its own folder, and once closed it refuses queries rather than open anything.
 *
 * PGlite is also a single PostgreSQL session, which typeorm-pglite hands to every query runner at
 * once, so two concurrent transactions would interleave their statements. This pool gives the
 * session to one query runner at a time (a FIFO lock held from connect to release), which is what
 * a pool of size one means: transactions stay atomic and isolated.
 */
export function createEmbeddedDriver(dataDir: string): unknown {
  const options = { dataDir, extensions: { btree_gist }, serializers: { [types.BOOL]: sqlBoolean } };
  // Still typeorm-pglite's pool class underneath (events, the callbacks TypeORM expects); only
  // what reached its process-wide PGlite is replaced, so the driver needs none of the options.
  const { Pool: LibraryPool } = new PGliteDriver().driver as unknown as { Pool: PoolClass };

  class OwnDatabasePool extends LibraryPool {
    private database: Promise<PGlite> | null = null;
    private closed = false;
    private tail: Promise<void> = Promise.resolve();

    private open(): Promise<PGlite> {
      if (this.closed) return Promise.reject(new Error(`The embedded database in ${dataDir} is closed`));
      return (this.database ??= PGlite.create(options as ConstructorParameters<typeof PGlite>[0]));
    }

    async connect(callback: ConnectCallback): Promise<void> {
      let unlock!: () => void;
      const previous = this.tail;
      this.tail = new Promise<void>((resolve) => (unlock = resolve));
      await previous;
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        unlock();
      };
      try {
        await this.open();
      } catch (error) {
        release();
        callback(error as Error, null, release);
        return;
      }
      callback(null, this, release);
    }

    /**
     * TypeORM calls it with a callback or awaits it. With parameters, one statement (extended
     * protocol); without, the text may hold several (simple protocol), and TypeORM expects the
     * last one's result.
     */
    async query(text: string, parameters?: unknown[] | QueryCallback, callback?: QueryCallback) {
      const done = typeof parameters === 'function' ? parameters : callback;
      const values = typeof parameters === 'function' ? undefined : parameters;
      try {
        const database = await this.open();
        const result: Results | { rows: never[] } =
          values && values.length > 0
            ? await database.query(text, values)
            : ((await database.exec(text)).at(-1) ?? { rows: [] });
        done?.(null, result);
        return result;
      } catch (error) {
        // A caller that passed a callback does not look at the promise: rejecting it too would
        // be an unhandled rejection.
        if (!done) throw error;
        done(error as Error, null);
        return undefined;
      }
    }

    end(callback: (error: Error | null) => void): void {
      this.closed = true;
      const opened = this.database;
      this.database = null;
      void (opened ? opened.then((database) => database.close()) : Promise.resolve()).then(
        () => callback(null),
        (error: Error) => callback(error),
      );
    }
  }

  return { Pool: OwnDatabasePool };
}

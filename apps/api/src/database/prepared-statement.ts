import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * A statement PostgreSQL parses and plans once per connection, then only executes. For the hot
 * statements whose planning costs more than running them: the session record is ~350 µs of
 * backend CPU sent unnamed and ~75 µs prepared (bench/booking). The name is derived from the text,
 * so two texts can never share one (pg refuses that).
 *
 * Only for texts from a fixed set: every distinct text stays prepared on every pooled connection
 * for its lifetime. Select named columns rather than `*`, so that a migration adding a column while
 * an older instance still runs does not change a prepared statement's result type (which
 * PostgreSQL refuses to execute).
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

const statements = new Map<string, PreparedStatement>();

export function prepared(text: string): PreparedStatement {
  let statement = statements.get(text);
  if (!statement) {
    const name = `mb_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statement = Object.freeze({ name, text });
    statements.set(text, statement);
  }
  return statement;
}

/**
 * Runs `statement` as `query` would. The embedded database's driver (typeorm-pglite) takes text
 * only, so there it is planned each time as before.
 */
export function queryPrepared<T = unknown>(
  runner: EntityManager | DataSource,
  statement: PreparedStatement,
  parameters: readonly unknown[],
): Promise<T> {
  // Types only from typeorm: the scene writer's thread loads this module too.
  const dataSource = 'connection' in runner ? runner.connection : runner;
  // pg's query accepts { name, text } where TypeORM declares a string; it copies the object.
  const query = takesNamedStatements(dataSource) ? statement : statement.text;
  return runner.query(query as unknown as string, parameters as unknown[]) as Promise<T>;
}

/** Real PostgreSQL through pg; the embedded database is given its own driver (data-source.ts). */
function takesNamedStatements(dataSource: DataSource): boolean {
  return !('driver' in dataSource.options && dataSource.options.driver);
}

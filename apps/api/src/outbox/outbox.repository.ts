import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RetryDecision } from './outbox-retry';
import { prepared, queryPrepared } from '../database/prepared-statement';

export interface OutboxRow {
  id: string;
  kind: string;
  payload: unknown;
  createdAt: Date;
  attempts: number;
}

/** How the first attempt at a row written in the same transaction ended. */
export type FirstAttempt =
  | { state: 'delivered' }
  | { state: 'failed'; error: string; decision: RetryDecision }
  /** Not tried: no handler for its kind, or the dispatcher is stopping. The poll delivers it. */
  | { state: 'due' };

export interface AttemptedRow {
  row: OutboxRow;
  outcome: FirstAttempt;
}

const INSERT_ATTEMPTED = prepared(
  `INSERT INTO outbox (id, kind, payload, created_at, attempts, delivered_at, failed_at, next_attempt_at, last_error)
   SELECT r.id, r.kind, r.payload, r.created_at, r.attempts,
     CASE WHEN r.delivered THEN now() END,
     CASE WHEN r.give_up THEN now() END,
     now() + make_interval(secs => r.delay_ms / 1000),
     r.last_error
   FROM jsonb_to_recordset($1::jsonb) AS r (id uuid, kind text, payload jsonb, created_at timestamptz,
     attempts int, delivered boolean, give_up boolean, delay_ms double precision, last_error text)`,
);

/** Each row is delivered under this savepoint, so its failure undoes only its own writes. */
const ROW_SAVEPOINT = 'outbox_row';

/** Every query on the `outbox` table. */
@Injectable()
export class OutboxRepository {
  /** Writes one row per payload in the caller's transaction, due at once (for the dispatcher's poll). */
  async insert(manager: EntityManager, kind: string, payloads: readonly unknown[]): Promise<void> {
    if (payloads.length === 0) return;
    await manager.query(
      `INSERT INTO outbox (kind, payload)
       SELECT $1, payload FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS given (payload, position)
       ORDER BY position`,
      [kind, JSON.stringify(payloads)],
    );
  }

  /**
   * Writes rows whose first delivery was already tried in this transaction, each as that attempt
   * left it (delivered, failed and due again later, or still due), in one statement: a row written
   * and then marked would cost a booking two more round trips (bench/booking).
   */
  async insertAttempted(manager: EntityManager, rows: readonly AttemptedRow[]): Promise<void> {
    if (rows.length === 0) return;
    const records = rows.map(({ row, outcome }) => ({
      id: row.id,
      kind: row.kind,
      payload: row.payload,
      created_at: row.createdAt,
      attempts: outcome.state === 'due' ? 0 : 1,
      delivered: outcome.state === 'delivered',
      give_up: outcome.state === 'failed' && outcome.decision.giveUp,
      delay_ms: outcome.state === 'failed' && !outcome.decision.giveUp ? outcome.decision.delayMs : 0,
      last_error: outcome.state === 'failed' ? outcome.error : null,
    }));
    await queryPrepared(manager, INSERT_ATTEMPTED, [JSON.stringify(records)]);
  }

  /**
   * Locks up to `limit` due rows of the given kinds for this transaction. SKIP LOCKED: rows another
   * dispatcher is delivering are left to it, so no row is delivered by two at once and nobody
   * waits for anybody.
   */
  claimDue(manager: EntityManager, kinds: readonly string[], limit: number): Promise<OutboxRow[]> {
    return manager.query(
      `SELECT id, kind, payload, created_at AS "createdAt", attempts FROM outbox
       WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
         AND kind = ANY($1::text[])
       ORDER BY next_attempt_at, id
       LIMIT $2
       FOR UPDATE SKIP LOCKED`,
      [kinds, limit],
    );
  }

  /** Opens the savepoint one row's delivery runs under, inside `manager`'s transaction. */
  async beginRow(manager: EntityManager): Promise<void> {
    await manager.query(`SAVEPOINT ${ROW_SAVEPOINT}`);
  }

  /** Keeps what the row's delivery wrote. */
  async keepRow(manager: EntityManager): Promise<void> {
    await manager.query(`RELEASE SAVEPOINT ${ROW_SAVEPOINT}`);
  }

  /** Undoes what the row's delivery wrote, and nothing before it. */
  async undoRow(manager: EntityManager): Promise<void> {
    await manager.query(`ROLLBACK TO SAVEPOINT ${ROW_SAVEPOINT}`);
  }

  async markDelivered(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE outbox SET delivered_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`,
      [id],
    );
  }

  /**
   * Deletes up to `limit` rows delivered (`column` delivered_at) or given up on (failed_at) more
   * than `days` ago, oldest first, and says how many. The limit keeps one call a
   * short statement however big the backlog; SKIP LOCKED lets instances prune side by side.
   */
  async pruneFinished(
    manager: EntityManager,
    column: 'delivered_at' | 'failed_at',
    days: number,
    limit: number,
  ): Promise<number> {
    // The column is one of two literals above, never input. Written as WITH ... DELETE ... RETURNING
    // so both drivers give the count the same way.
    const [{ deleted }]: [{ deleted: number }] = await manager.query(
      `WITH gone AS (
         DELETE FROM outbox WHERE id IN (
           SELECT id FROM outbox WHERE ${column} < now() - make_interval(days => $1::int)
           ORDER BY ${column}
           LIMIT $2
           FOR UPDATE SKIP LOCKED)
         RETURNING 1)
       SELECT count(*)::int AS deleted FROM gone`,
      [days, limit],
    );
    return deleted;
  }

  /** Counts the failed attempt and either schedules the next one or gives the row up. */
  async markFailed(
    manager: EntityManager,
    id: string,
    decision: RetryDecision,
    error: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
         failed_at = CASE WHEN $3::boolean THEN now() END,
         next_attempt_at = now() + make_interval(secs => $4::double precision / 1000)
       WHERE id = $1`,
      [id, error, decision.giveUp, decision.giveUp ? 0 : decision.delayMs],
    );
  }
}

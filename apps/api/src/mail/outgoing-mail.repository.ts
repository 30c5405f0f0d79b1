import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MailKind } from '@mockboard/contracts';
import type { RetryDecision } from '../outbox/outbox-retry';
import type { MailReader, MailRequest } from './mail.types';
import { prepared, queryPrepared } from '../database/prepared-statement';

/** A row the worker claimed, with its lease and its reader as of now. */
export interface ClaimedMail {
  id: string;
  kind: MailKind;
  userId: string;
  data: Record<string, unknown>;
  /** Including this one. */
  attempts: number;
  /** Null when the user is gone; a changed address or zone is used. */
  recipient: RecipientRow | null;
}

/** A reader's row and what decides whether they get this mail at all. */
export interface RecipientRow extends MailReader {
  /** Banned, or suspended until a later time (account_restrictions). */
  restricted: boolean;
  /** The reader turned this kind off (mail_opt_outs, which holds optional kinds only). */
  optedOut: boolean;
}

type ClaimedRow = Omit<ClaimedMail, 'recipient'> & Omit<RecipientRow, 'userId'> & { readerExists: boolean };

/**
 * Part of the SET of every final outcome (sent, skipped, given up): the raw token of a
 * verification or reset link (whoever holds it can set the password) is needed only to write the mail,
 * not for the 30 days the row is kept (MAIL_RETENTION_DAYS), where a dump or backup would reveal it.
 */
const FORGET_LINK_TOKEN = `data = CASE WHEN kind IN ('verify_email', 'password_reset') THEN data - 'token' ELSE data END`;

function toClaimedMail(row: ClaimedRow): ClaimedMail {
  const { readerExists, email, displayName, timeZone, locale, emailVerified, restricted, optedOut, ...mail } =
    row;
  return {
    ...mail,
    recipient: readerExists
      ? { userId: mail.userId, email, displayName, timeZone, locale, emailVerified, restricted, optedOut }
      : null,
  };
}

/** Every query on `outgoing_mail`. */
@Injectable()
export class OutgoingMailRepository {
  /**
   * In the caller's transaction, one statement however many requests: a request whose dedupe key
   * is already queued (or repeated among them) adds nothing. Returns how many were queued.
   */
  async insert(manager: EntityManager, requests: readonly MailRequest[]): Promise<number> {
    if (requests.length === 0) return 0;
    const rows: unknown[] = await queryPrepared(
      manager,
      prepared(`INSERT INTO outgoing_mail (dedupe_key, kind, user_id, data, due_at)
       SELECT r.dedupe_key, r.kind, r.user_id, r.data, coalesce(r.due_at, clock_timestamp())
       FROM jsonb_to_recordset($1::jsonb)
         AS r(dedupe_key text, kind text, user_id uuid, data jsonb, due_at timestamptz)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`),
      [
        JSON.stringify(
          requests.map((request) => ({
            dedupe_key: request.dedupeKey,
            kind: request.kind,
            user_id: request.userId,
            data: request.data,
            due_at: request.dueAt ?? null,
          })),
        ),
      ],
    );
    return rows.length;
  }

  /**
   * Leases up to `limit` of the most overdue rows to `worker` for `leaseMs`, in one short statement,
   * and returns them most overdue first. SKIP LOCKED lets instances claim side by side without
   * waiting; the lease (not a held lock) keeps the rows from others while the SMTP conversations run
   * outside any transaction, and hands them over when the worker died. Only kinds with a composer on
   * this instance are taken. Each reader comes back with their row, so a mail needs no read of its own.
   */
  async claimBatch(
    manager: EntityManager,
    worker: string,
    leaseMs: number,
    kinds: readonly string[],
    limit: number,
  ): Promise<ClaimedMail[]> {
    const rows: ClaimedRow[] = await queryPrepared(
      manager,
      prepared(`WITH claimed AS (
       UPDATE outgoing_mail
       SET claimed_by = $1, claimed_until = clock_timestamp() + make_interval(secs => $2::double precision / 1000),
           attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM outgoing_mail
         WHERE sent_at IS NULL AND skipped_at IS NULL AND failed_at IS NULL
           AND due_at <= clock_timestamp()
           AND (claimed_until IS NULL OR claimed_until < clock_timestamp())
           AND kind = ANY($3::text[])
         ORDER BY due_at
         LIMIT $4
         FOR UPDATE SKIP LOCKED)
       RETURNING id, kind, user_id, data, attempts, due_at)
       SELECT c.id, c.kind, c.user_id AS "userId", c.data, c.attempts,
              u.id IS NOT NULL AS "readerExists", u.email, u.display_name AS "displayName",
              u.timezone AS "timeZone", u.date_time_locale AS locale,
              u.email_verified_at IS NOT NULL AS "emailVerified",
              EXISTS (SELECT 1 FROM account_restrictions r
                      WHERE r.user_id = c.user_id AND (r.state = 'banned' OR r.until > now())) AS restricted,
              EXISTS (SELECT 1 FROM mail_opt_outs o
                      WHERE o.user_id = c.user_id AND o.kind = c.kind) AS "optedOut"
       FROM claimed c LEFT JOIN users u ON u.id = c.user_id
       ORDER BY c.due_at, c.id`),
      [worker, leaseMs, kinds, limit],
    );
    return rows.map(toClaimedMail);
  }

  /**
   * Hands back rows this worker claimed but will not send now (it is stopping, or too little of the
   * lease is left for another send), so any instance can take them at once instead of when the lease
   * ends. Their claim did not count as an attempt. Rows whose lease was no longer ours stay as the
   * next worker left them.
   */
  async release(manager: EntityManager, ids: readonly string[], worker: string): Promise<void> {
    if (ids.length === 0) return;
    await queryPrepared(
      manager,
      prepared(`UPDATE outgoing_mail SET claimed_by = NULL, claimed_until = NULL, attempts = attempts - 1
       WHERE id = ANY($1::uuid[]) AND claimed_by = $2`),
      [ids, worker],
    );
  }

  /** Only while the lease is still ours: a worker whose lease ran out must not overwrite the next one's outcome. */
  async markSent(manager: EntityManager, id: string, worker: string, messageId: string): Promise<boolean> {
    return this.finish(
      manager,
      `sent_at = clock_timestamp(), message_id = $3, last_error = NULL, ${FORGET_LINK_TOKEN}`,
      [id, worker, messageId],
    );
  }

  async markSkipped(manager: EntityManager, id: string, worker: string, reason: string): Promise<boolean> {
    return this.finish(manager, `skipped_at = clock_timestamp(), skip_reason = $3, ${FORGET_LINK_TOKEN}`, [
      id,
      worker,
      reason,
    ]);
  }

  /** Either due again after the decision's delay, or given up on for good. */
  async markFailed(
    manager: EntityManager,
    id: string,
    worker: string,
    decision: RetryDecision,
    error: string,
  ): Promise<boolean> {
    return decision.giveUp
      ? this.finish(manager, `failed_at = clock_timestamp(), last_error = $3, ${FORGET_LINK_TOKEN}`, [
          id,
          worker,
          error,
        ])
      : this.finish(
          manager,
          `due_at = clock_timestamp() + make_interval(secs => $4::double precision / 1000), last_error = $3`,
          [id, worker, error, decision.delayMs],
        );
  }

  /**
   * Deletes up to `limit` rows sent, skipped or given up on more than `days` ago, oldest first, and
   * says how many; SKIP LOCKED lets instances prune side by side. The expression and condition are
   * those of the outgoing_mail_finished index, so a prune that finds nothing reads a few pages.
   */
  async pruneFinished(manager: EntityManager, days: number, limit: number): Promise<number> {
    const [{ deleted }]: [{ deleted: number }] = await manager.query(
      `WITH gone AS (
         DELETE FROM outgoing_mail WHERE id IN (
           SELECT id FROM outgoing_mail
           WHERE (sent_at IS NOT NULL OR skipped_at IS NOT NULL OR failed_at IS NOT NULL)
             AND coalesce(sent_at, skipped_at, failed_at) < now() - make_interval(days => $1::int)
           ORDER BY coalesce(sent_at, skipped_at, failed_at)
           LIMIT $2
           FOR UPDATE SKIP LOCKED)
         RETURNING 1)
       SELECT count(*)::int AS deleted FROM gone`,
      [days, limit],
    );
    return deleted;
  }

  /** Ends the lease with `set`; false when the lease was no longer ours. */
  private async finish(manager: EntityManager, set: string, params: unknown[]): Promise<boolean> {
    // `set` is built from the literals above, never from input. UPDATE inside WITH ... SELECT, so both
    // drivers return the rows alike (a bare UPDATE comes back as [rows, count] from pg).
    const rows: unknown[] = await queryPrepared(
      manager,
      prepared(`WITH finished AS (
         UPDATE outgoing_mail SET ${set}, claimed_by = NULL, claimed_until = NULL
         WHERE id = $1 AND claimed_by = $2
         RETURNING id)
       SELECT id FROM finished`),
      params,
    );
    return rows.length > 0;
  }
}

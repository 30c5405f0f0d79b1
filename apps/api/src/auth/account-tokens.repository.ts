import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AccountTokenPurpose } from './account-token';

export interface AccountTokenRow {
  id: string;
  userId: string;
  purpose: AccountTokenPurpose;
  /** The address the token proves: the user's, or the new one of a change of address. */
  email: string;
  expiresAt: Date;
  usedAt: Date | null;
  /** The database's clock, so expiry is judged by one clock on every instance. */
  now: Date;
}

const COLUMNS = `id, user_id AS "userId", purpose, email, expires_at AS "expiresAt", used_at AS "usedAt", now() AS now`;

/** Every query on account_tokens: the verification and reset links sent, by hash. */
@Injectable()
export class AccountTokensRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a new token's hash; returns its id (the mail's dedupe key). */
  async insert(
    manager: EntityManager,
    token: { userId: string; purpose: AccountTokenPurpose; hash: string; email: string; ttlMs: number },
  ): Promise<string> {
    const [row] = (await manager.query(
      `INSERT INTO account_tokens (user_id, purpose, token_hash, email, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))
       RETURNING id`,
      [token.userId, token.purpose, token.hash, token.email, token.ttlMs / 1000],
    )) as { id: string }[];
    return row!.id;
  }

  /**
   * The token with this hash and purpose, locked until the transaction ends, so two clicks on one
   * link are decided one after the other (the second finds it used).
   */
  async findForUpdate(
    manager: EntityManager,
    hash: string,
    purpose: AccountTokenPurpose,
  ): Promise<AccountTokenRow | null> {
    const [row] = (await manager.query(
      `SELECT ${COLUMNS} FROM account_tokens WHERE token_hash = $1 AND purpose = $2 FOR UPDATE`,
      [hash, purpose],
    )) as AccountTokenRow[];
    return row ?? null;
  }

  /** Whether the link still works (not used, not expired or replaced): a mail for a dead one is not sent. */
  async isUsable(manager: EntityManager, id: string): Promise<boolean> {
    const rows = (await manager.query(
      `SELECT 1 FROM account_tokens WHERE id = $1 AND used_at IS NULL AND expires_at > now()`,
      [id],
    )) as unknown[];
    return rows.length > 0;
  }

  async markUsed(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE account_tokens SET used_at = now() WHERE id = $1`, [id]);
  }

  /** Ends the user's unused tokens of one purpose: an older link stops working once a newer one counts. */
  async expireUnused(manager: EntityManager, userId: string, purpose: AccountTokenPurpose): Promise<void> {
    await manager.query(
      `UPDATE account_tokens SET expires_at = LEAST(expires_at, now())
       WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()`,
      [userId, purpose],
    );
  }

  /** How many tokens of this purpose the user was sent within the last `withinSeconds`. */
  async countRecent(userId: string, purpose: AccountTokenPurpose, withinSeconds: number): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM account_tokens
       WHERE user_id = $1 AND purpose = $2 AND created_at > now() - make_interval(secs => $3)`,
      [userId, purpose, withinSeconds],
    )) as { count: number }[];
    return row!.count;
  }

  /** Seconds until the user's newest token of this purpose is `ageSeconds` old (0: it already is, or none). */
  async secondsUntilOlderThan(
    userId: string,
    purpose: AccountTokenPurpose,
    ageSeconds: number,
  ): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT GREATEST(0, ceil(extract(epoch FROM max(created_at) + make_interval(secs => $3) - now())))::int AS wait
       FROM account_tokens WHERE user_id = $1 AND purpose = $2`,
      [userId, purpose, ageSeconds],
    )) as { wait: number | null }[];
    return row?.wait ?? 0;
  }

  /** Ends the links of a change of address (to any address but the current one) that were not opened. */
  async expirePendingChange(userId: string, currentEmail: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE account_tokens SET expires_at = LEAST(expires_at, now())
       WHERE user_id = $1 AND purpose = 'verify_email' AND used_at IS NULL AND expires_at > now()
         AND lower(email) <> lower($2)`,
      [userId, currentEmail],
    );
  }

  /** The newest address other than the current one that waits for its link to be opened, or null. */
  async pendingEmail(userId: string, currentEmail: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(
      `SELECT email FROM account_tokens
       WHERE user_id = $1 AND purpose = 'verify_email' AND used_at IS NULL AND expires_at > now()
         AND lower(email) <> lower($2)
       ORDER BY created_at DESC LIMIT 1`,
      [userId, currentEmail],
    )) as { email: string }[];
    return row?.email ?? null;
  }
}

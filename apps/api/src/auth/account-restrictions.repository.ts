import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** A suspension (until a time) or a ban, as it stands now. */
export interface AccountRestriction {
  state: 'suspended' | 'banned';
  /** End of a suspension; null for a ban. */
  until: Date | null;
}

/**
 * Whether an account may sign in (issue 15). Read on sign-in and when a refused token asks why; a
 * suspension whose end has passed simply stops matching, so nothing has to lift it on time.
 */
@Injectable()
export class AccountRestrictionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Serialises a sign-in with a change of the account's restriction: a sign-in holds the user row
   * in share mode from its check to its commit, a suspension holds it exclusively from before it
   * imposes the restriction to after it revokes the sign-ins. Whichever comes second then sees the
   * other: the suspension revokes the new sign-in, or the sign-in reads the restriction.
   */
  async holdForSignIn(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`SELECT 1 FROM users WHERE id = $1 FOR SHARE`, [userId]);
  }

  /** See holdForSignIn: taken by a suspension or ban before it changes the restriction. */
  async holdForChange(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [userId]);
  }

  async inForce(
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AccountRestriction | null> {
    const rows: AccountRestriction[] = await manager.query(
      `SELECT state, until FROM account_restrictions
       WHERE user_id = $1 AND (state = 'banned' OR until > now())`,
      [userId],
    );
    return rows[0] ?? null;
  }

  /** Replaces whatever restriction the user had (a ban over a suspension, a new end, ...). */
  async impose(
    manager: EntityManager,
    userId: string,
    restriction: AccountRestriction & { reason: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO account_restrictions (user_id, state, until, reason) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE
         SET state = excluded.state, until = excluded.until, reason = excluded.reason, created_at = now()`,
      [userId, restriction.state, restriction.until, restriction.reason],
    );
  }

  async lift(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`DELETE FROM account_restrictions WHERE user_id = $1`, [userId]);
  }
}

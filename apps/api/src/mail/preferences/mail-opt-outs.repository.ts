import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OptionalMailKind } from '@mockboard/contracts';

/** Every query on `mail_opt_outs` (a row = the user turned that kind off). */
@Injectable()
export class MailOptOutsRepository {
  async isOptedOut(manager: EntityManager, userId: string, kind: OptionalMailKind): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM mail_opt_outs WHERE user_id = $1 AND kind = $2`,
      [userId, kind],
    );
    return rows.length > 0;
  }

  async optedOutKinds(manager: EntityManager, userId: string): Promise<OptionalMailKind[]> {
    const rows: { kind: OptionalMailKind }[] = await manager.query(
      `SELECT kind FROM mail_opt_outs WHERE user_id = $1`,
      [userId],
    );
    return rows.map((row) => row.kind);
  }

  /** Idempotent: opting out twice keeps the first moment. */
  async optOut(manager: EntityManager, userId: string, kinds: readonly OptionalMailKind[]): Promise<void> {
    if (kinds.length === 0) return;
    await manager.query(
      `INSERT INTO mail_opt_outs (user_id, kind) SELECT $1, unnest($2::text[])
       ON CONFLICT (user_id, kind) DO NOTHING`,
      [userId, kinds],
    );
  }

  async optIn(manager: EntityManager, userId: string, kinds: readonly OptionalMailKind[]): Promise<void> {
    if (kinds.length === 0) return;
    await manager.query(`DELETE FROM mail_opt_outs WHERE user_id = $1 AND kind = ANY($2::text[])`, [
      userId,
      kinds,
    ]);
  }

  /** The address an unsubscribe page names (masked by the caller), or null for a deleted user. */
  async emailOf(manager: EntityManager, userId: string): Promise<string | null> {
    const rows: { email: string }[] = await manager.query(`SELECT email FROM users WHERE id = $1`, [userId]);
    return rows[0]?.email ?? null;
  }
}

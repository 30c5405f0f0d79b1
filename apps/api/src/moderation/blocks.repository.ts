import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface BlockRow {
  blockedId: string;
  displayName: string;
  createdAt: Date;
}

const BLOCK_COLUMNS = `b.blocked_id AS "blockedId", u.display_name AS "displayName", b.created_at AS "createdAt"`;

/**
 * Who blocked whom. The effect is mutual, so the scheduling queries test both directions with
 * blockedEitherWaySql; this repository only keeps the list each user manages.
 */
@Injectable()
export class BlocksRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Blocking twice keeps the first block (and its date). */
  async block(blockerId: string, blockedId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO user_blocks (blocker_id, blocked_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [blockerId, blockedId],
    );
  }

  /** True when there was a block to lift. */
  async unblock(blockerId: string, blockedId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH lifted AS (DELETE FROM user_blocks WHERE blocker_id = $1 AND blocked_id = $2 RETURNING 1)
       SELECT * FROM lifted`,
      [blockerId, blockedId],
    );
    return rows.length > 0;
  }

  /** The people `blockerId` blocked, latest first. */
  list(blockerId: string): Promise<BlockRow[]> {
    return this.dataSource.query(
      `SELECT ${BLOCK_COLUMNS} FROM user_blocks b JOIN users u ON u.id = b.blocked_id
       WHERE b.blocker_id = $1 ORDER BY b.created_at DESC, b.blocked_id`,
      [blockerId],
    );
  }

  async find(blockerId: string, blockedId: string): Promise<BlockRow | null> {
    const rows: BlockRow[] = await this.dataSource.query(
      `SELECT ${BLOCK_COLUMNS} FROM user_blocks b JOIN users u ON u.id = b.blocked_id
       WHERE b.blocker_id = $1 AND b.blocked_id = $2`,
      [blockerId, blockedId],
    );
    return rows[0] ?? null;
  }
}

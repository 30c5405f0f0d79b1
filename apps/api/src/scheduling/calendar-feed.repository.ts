import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The queries behind calendar feeds: each user's feed token. */
@Injectable()
export class CalendarFeedRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The user's feed token, storing `candidate` first if there is none yet. Of two concurrent first
   * calls, the second UPDATE finds the token set and changes nothing, so both return the same one.
   */
  async tokenOf(userId: string, candidate: string): Promise<string> {
    const existing = await this.storedToken(userId);
    if (existing) return existing;
    await this.dataSource.query(
      `UPDATE users SET calendar_token = $2 WHERE id = $1 AND calendar_token IS NULL`,
      [userId, candidate],
    );
    return (await this.storedToken(userId))!;
  }

  /** Replaces the token: the old feed URL stops working at once. */
  async replaceToken(userId: string, token: string): Promise<void> {
    await this.dataSource.query(`UPDATE users SET calendar_token = $2 WHERE id = $1`, [userId, token]);
  }

  async ownerOf(token: string): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM users WHERE calendar_token = $1`,
      [token],
    );
    return rows[0]?.id ?? null;
  }

  private async storedToken(userId: string): Promise<string | null> {
    const rows: { calendar_token: string | null }[] = await this.dataSource.query(
      `SELECT calendar_token FROM users WHERE id = $1`,
      [userId],
    );
    return rows[0]?.calendar_token ?? null;
  }
}

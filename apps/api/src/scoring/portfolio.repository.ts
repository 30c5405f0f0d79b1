import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A live share link: whose view of which session, read in the owner's time zone. */
export interface LiveShare {
  sessionId: string;
  userId: string;
  timeZone: string;
}

/** What a case study is made of (the whiteboard, the author's notes) and its share links. */
@Injectable()
export class PortfolioRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A round's final whiteboard: its board's live elements (deleted ones are tombstones). */
  async sceneElements(sessionId: string, round: number): Promise<unknown[]> {
    const rows: { data: unknown }[] = await this.dataSource.query(
      `SELECT data FROM scene_elements WHERE session_id = $1 AND round = $2 AND NOT is_deleted`,
      [sessionId, round],
    );
    return rows.map((row) => row.data);
  }

  /** The last round whose board holds a live element (1 when none does): the session's final board. */
  async lastDrawnRound(sessionId: string): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT COALESCE(max(round), 1)::int AS round FROM scene_elements WHERE session_id = $1 AND NOT is_deleted`,
      [sessionId],
    )) as { round: number }[];
    return Number(row?.round ?? 1);
  }

  /** Only `authorId`'s own notes, by round: a partner's private notes never leave this query. */
  async notesBy(sessionId: string, authorId: string): Promise<Map<number, string>> {
    const rows: { round: number; text: string }[] = await this.dataSource.query(
      `SELECT round, text FROM interviewer_notes WHERE session_id = $1 AND author_id = $2`,
      [sessionId, authorId],
    );
    return new Map(rows.map((row) => [Number(row.round), row.text]));
  }

  /** `authorId`'s own notes for one round, or null: only ever the caller's (the scorecard's). */
  async noteOf(sessionId: string, round: number, authorId: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(
      `SELECT text FROM interviewer_notes WHERE session_id = $1 AND round = $2 AND author_id = $3`,
      [sessionId, round, authorId],
    )) as { text: string }[];
    return row?.text ?? null;
  }

  /** The user's live link for the session, creating one with `token` when there is none. */
  async ensureShareLink(sessionId: string, userId: string, token: string): Promise<string> {
    // The partial unique index allows one live link per participant; a concurrent request that
    // inserted first wins, and both return its token.
    await this.dataSource.query(
      `INSERT INTO share_links (token, session_id, user_id) VALUES ($1, $2, $3)
       ON CONFLICT (session_id, user_id) WHERE revoked_at IS NULL DO NOTHING`,
      [token, sessionId, userId],
    );
    return (await this.liveShareToken(sessionId, userId))!;
  }

  async liveShareToken(sessionId: string, userId: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(
      `SELECT token FROM share_links WHERE session_id = $1 AND user_id = $2 AND revoked_at IS NULL`,
      [sessionId, userId],
    )) as { token: string }[];
    return row?.token ?? null;
  }

  async revokeShareLinks(sessionId: string, userId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE share_links SET revoked_at = now() WHERE session_id = $1 AND user_id = $2 AND revoked_at IS NULL`,
      [sessionId, userId],
    );
  }

  async findLiveShare(token: string): Promise<LiveShare | null> {
    const [row] = (await this.dataSource.query(
      `SELECT l.session_id, l.user_id, u.timezone FROM share_links l JOIN users u ON u.id = l.user_id
       WHERE l.token = $1 AND l.revoked_at IS NULL`,
      [token],
    )) as { session_id: string; user_id: string; timezone: string }[];
    return row ? { sessionId: row.session_id, userId: row.user_id, timeZone: row.timezone } : null;
  }
}

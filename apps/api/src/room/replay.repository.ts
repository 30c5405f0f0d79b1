import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SceneElement } from '@mockboard/contracts';

/**
 * What a replay reads of a session: each round's board as stored now, and the session's log (the
 * boards' changes, its phases and rounds, and the chat's messages) page by page.
 */
@Injectable()
export class ReplayRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One round's board as stored now: its live elements. */
  async board(sessionId: string, round: number): Promise<SceneElement[]> {
    const rows: { data: SceneElement }[] = await this.dataSource.query(
      `SELECT data FROM scene_elements WHERE session_id = $1 AND round = $2 AND NOT is_deleted`,
      [sessionId, round],
    );
    return rows.map((row) => row.data);
  }

  /**
   * One page of a session's log: at most `limit` entries after `after`, cut once their elements'
   * JSON passes `maxBytes` (always at least one entry). Rows past the cut are read without their
   * element, so a page's memory is bounded whatever the log holds. The chat's messages and the
   * revealed hints draw their seq from the log's sequence, so the three tables merge into one
   * order (each read by its own (session_id, seq) index, at most `limit` + 1 rows each).
   */
  async logPage(
    sessionId: string,
    { after, limit, maxBytes }: { after: number; limit: number; maxBytes: number },
  ): Promise<{ rows: LogEntry[]; more: boolean }> {
    const rows = (await this.dataSource.query(
      `SELECT seq, at, kind, phase, round, fits, CASE WHEN fits THEN element END AS element,
         chat_id, author_id, author_name, CASE WHEN fits THEN text END AS text, stage
       FROM (
         SELECT *, sum(bytes) OVER (ORDER BY seq ROWS UNBOUNDED PRECEDING) - bytes < $4 AS fits
         FROM (
           SELECT * FROM (
             SELECT seq, at, kind, phase, round, element, COALESCE(octet_length(element::text), 0) AS bytes,
               NULL::uuid AS chat_id, NULL::uuid AS author_id, NULL::text AS author_name, NULL::text AS text,
               NULL::smallint AS stage
             FROM room_events WHERE session_id = $1 AND seq > $2 ORDER BY seq LIMIT $3 + 1
           ) AS board
           UNION ALL
           SELECT * FROM (
             SELECT c.seq, c.sent_at, 'chat', NULL::text, c.round, NULL::json, octet_length(c.text),
               c.id, c.author_id, u.display_name, c.text, NULL::smallint
             FROM chat_messages c JOIN users u ON u.id = c.author_id
             WHERE c.session_id = $1 AND c.seq > $2 ORDER BY c.seq LIMIT $3 + 1
           ) AS chat
           UNION ALL
           SELECT * FROM (
             SELECT h.seq, h.revealed_at, 'hint', h.phase, h.round, NULL::json, octet_length(h.text),
               NULL::uuid, h.revealed_by, NULL::text, h.text, h.stage
             FROM hint_reveals h
             WHERE h.session_id = $1 AND h.seq > $2 ORDER BY h.seq LIMIT $3 + 1
           ) AS hint
           ORDER BY seq LIMIT $3 + 1
         ) AS newest
       ) AS page ORDER BY seq`,
      [sessionId, after, limit, maxBytes],
    )) as (LogRow & { fits: boolean })[];
    const fitting = rows.findIndex((row, index) => index >= limit || !row.fits);
    const taken = fitting === -1 ? rows : rows.slice(0, Math.max(fitting, 1));
    return { rows: taken.map(toLogEntry), more: taken.length < rows.length };
  }

  /** How many entries a session's log holds, chat and hints included (each count answered by an index). */
  async logLength(sessionId: string): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT (SELECT count(*) FROM room_events WHERE session_id = $1)::int
            + (SELECT count(*) FROM chat_messages WHERE session_id = $1)::int
            + (SELECT count(*) FROM hint_reveals WHERE session_id = $1)::int AS count`,
      [sessionId],
    )) as { count: number }[];
    return row?.count ?? 0;
  }
}

/**
 * An entry of the log; a chat message's entry carries its id, author and text, a revealed hint's
 * its phase, stage, text and revealer (as authorId).
 */
export interface LogEntry {
  seq: number;
  at: Date;
  kind: LogKind;
  element: SceneElement | null;
  phase: string | null;
  round: number | null;
  chatId: string | null;
  authorId: string | null;
  authorName: string | null;
  /** Null for a chat message or hint past a page's byte cut, as its element is for a board entry. */
  text: string | null;
  /** A revealed hint's stage (1-3); null for every other entry. */
  stage: number | null;
}

type LogKind = 'scene' | 'phase' | 'round' | 'chat' | 'hint';

interface LogRow {
  seq: string;
  at: Date;
  kind: LogKind;
  element: SceneElement | null;
  phase: string | null;
  round: number | null;
  chat_id: string | null;
  author_id: string | null;
  author_name: string | null;
  text: string | null;
  stage: number | string | null;
}

function toLogEntry(row: LogRow): LogEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    kind: row.kind,
    element: row.element,
    phase: row.phase,
    round: row.round === null ? null : Number(row.round),
    chatId: row.chat_id,
    authorId: row.author_id,
    authorName: row.author_name,
    text: row.text,
    stage: row.stage === null ? null : Number(row.stage),
  };
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ChatMessage } from '@mockboard/contracts';
import { sessionAllowsSql } from '@mockboard/schedule';

/** A lock class of our own for a session's chat, apart from the scenes' (7_310_001) and any other. */
const CHAT_LOCK_CLASS = 7_310_013;

/** The columns every read returns, shaped into a ChatMessage by toMessage. */
const MESSAGE_COLUMNS = `c.id, c.session_id, c.author_id, u.display_name AS author_name, c.round, c.text,
  c.sent_at, c.seq`;

interface MessageRow {
  id: string;
  session_id: string;
  author_id: string;
  author_name: string;
  round: number;
  text: string;
  sent_at: Date;
  seq: string;
}

/** What storing a message came to; the service turns the refusals into errors. */
export type StoreOutcome =
  | { stored: ChatMessage }
  /** The id is already taken by another author's or another session's message. */
  | { refused: 'id_taken' }
  | { refused: 'no_session' }
  | { refused: 'ended' }
  | { refused: 'full' };

export interface NewMessage {
  id: string;
  sessionId: string;
  authorId: string;
  text: string;
}

/** The chat's messages, one row each, ordered by the whiteboard log's sequence (see the migration). */
@Injectable()
export class ChatRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores the message in the room's current round unless the session is over or its chat is
   * full; a resend of a stored message (same id, author and session) answers the stored copy.
   * A session's messages are written under its lock: their seqs then follow commit order, so
   * "after this message's seq" (history) never skips one that commits late; it also keeps the
   * cap exact under simultaneous senders.
   */
  store(message: NewMessage, maxMessages: number): Promise<StoreOutcome> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(${CHAT_LOCK_CLASS}, hashtext($1))`, [
        message.sessionId,
      ]);
      const existing = await this.byId(manager, message.id);
      if (existing) return sameSender(existing, message) ? { stored: existing } : { refused: 'id_taken' };
      const [session] = (await manager.query(
        `SELECT ${sessionAllowsSql('s', 'use_room')} AS open, COALESCE(r.round, 1) AS round,
           (SELECT count(*)::int FROM chat_messages c WHERE c.session_id = s.id) AS count
         FROM sessions s LEFT JOIN room_state r ON r.session_id = s.id WHERE s.id = $1`,
        [message.sessionId],
      )) as { open: boolean; round: number; count: number }[];
      if (!session) return { refused: 'no_session' };
      if (!session.open) return { refused: 'ended' };
      if (session.count >= maxMessages) return { refused: 'full' };
      // Another session's sender may hold the same id under its own lock: DO NOTHING, then re-read.
      await manager.query(
        `INSERT INTO chat_messages (id, session_id, author_id, round, text) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO NOTHING`,
        [message.id, message.sessionId, message.authorId, session.round, message.text],
      );
      const written = await this.byId(manager, message.id);
      return written && sameSender(written, message) ? { stored: written } : { refused: 'id_taken' };
    });
  }

  /**
   * The latest `limit` messages after the one with id `after` (all of them without it, or when it
   * is not one of this session's), oldest first.
   */
  async history(sessionId: string, after: string | undefined, limit: number): Promise<ChatMessage[]> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM (
         SELECT ${MESSAGE_COLUMNS} FROM chat_messages c JOIN users u ON u.id = c.author_id
         WHERE c.session_id = $1 AND c.seq > COALESCE(
           (SELECT seq FROM chat_messages WHERE id = $2::uuid AND session_id = $1), 0)
         ORDER BY c.seq DESC LIMIT $3
       ) AS latest ORDER BY seq`,
      [sessionId, after ?? null, limit],
    )) as MessageRow[];
    return rows.map(toMessage);
  }

  private async byId(manager: EntityManager, id: string): Promise<ChatMessage | undefined> {
    const [row] = (await manager.query(
      `SELECT ${MESSAGE_COLUMNS} FROM chat_messages c JOIN users u ON u.id = c.author_id WHERE c.id = $1`,
      [id],
    )) as MessageRow[];
    return row && toMessage(row);
  }
}

function sameSender(stored: ChatMessage, message: NewMessage): boolean {
  return stored.sessionId === message.sessionId && stored.authorId === message.authorId;
}

export function toMessage(row: MessageRow): ChatMessage {
  return {
    id: row.id,
    sessionId: row.session_id,
    authorId: row.author_id,
    authorName: row.author_name,
    text: row.text,
    round: Number(row.round),
    sentAt: new Date(row.sent_at).toISOString(),
  };
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Notification } from '@mockboard/contracts';
import type { NotificationPayload } from './notification-payload';
import { prepared, queryPrepared } from '../database/prepared-statement';

/** How a recipient reads times: their zone, and their "Date and time format" (null: the default). */
export interface NotificationReader {
  userId: string;
  timeZone: string;
  dateTimeLocale: string | null;
}

interface NotificationRow {
  id: string;
  type: Notification['type'];
  title: string;
  body: string;
  session_id: string | null;
  created_at: Date;
  read_at: Date | null;
}

const LIST_LIMIT = 50;

/** Every query on the `notifications` table, and what a notification needs to know of its readers. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The given users (those that still exist) with how each reads times, in `manager`'s transaction. */
  async readers(manager: EntityManager, userIds: readonly string[]): Promise<NotificationReader[]> {
    const rows: { id: string; timezone: string; date_time_locale: string | null }[] = await manager.query(
      `SELECT id, timezone, date_time_locale FROM users WHERE id = ANY($1::uuid[])`,
      [userIds],
    );
    return rows.map((row) => ({
      userId: row.id,
      timeZone: row.timezone,
      dateTimeLocale: row.date_time_locale,
    }));
  }

  /**
   * Stores the notification of one outbox row, dated `createdAt`; null when that outbox row's
   * notification is already stored (its outbox id is unique).
   */
  async insertOnce(
    manager: EntityManager,
    payload: NotificationPayload,
    outboxId: string,
    createdAt: Date,
  ): Promise<Notification | null> {
    const [stored] = (await queryPrepared(
      manager,
      prepared(`INSERT INTO notifications (user_id, type, title, body, session_id, created_at, outbox_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (outbox_id) DO NOTHING
       RETURNING id, type, title, body, session_id, created_at, read_at`),
      [payload.userId, payload.type, payload.title, payload.body, payload.sessionId, createdAt, outboxId],
    )) as NotificationRow[];
    return stored ? toNotification(stored) : null;
  }

  /** The user's latest notifications, newest first. */
  async latest(userId: string): Promise<Notification[]> {
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT * FROM notifications WHERE user_id = $1 ORDER BY created_at DESC LIMIT ${LIST_LIMIT}`,
      [userId],
    );
    return rows.map(toNotification);
  }

  async unreadCount(userId: string): Promise<number> {
    const [unread] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    )) as { count: number }[];
    return unread?.count ?? 0;
  }

  async markAllRead(userId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
  }

  async markRead(userId: string, ids: readonly string[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND id = ANY($2::uuid[]) AND read_at IS NULL`,
      [userId, ids],
    );
  }
}

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    body: row.body,
    sessionId: row.session_id,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Notification, NotificationListResponse } from '@mockboard/contracts';

export type NotificationType = Notification['type'];

export interface NewNotification {
  type: NotificationType;
  title: string;
  /** Text, or text written for the recipient's time zone (times are always shown in the reader's zone). */
  body: string | ((timeZone: string) => string);
  sessionId?: string | null;
}

interface NotificationRow {
  id: string;
  type: NotificationType;
  title: string;
  body: string;
  session_id: string | null;
  created_at: Date;
  read_at: Date | null;
}

type Pusher = (userId: string, notification: Notification) => void;

const LIST_LIMIT = 50;

/**
 * In-app notifications: stored, listed with an unread count, and pushed live to the user's open
 * sockets by whichever gateway registered a pusher (the socket layer stays out of this service).
 */
@Injectable()
export class NotificationsService {
  private pushers: Pusher[] = [];

  constructor(private readonly dataSource: DataSource) {}

  onNotification(pusher: Pusher): void {
    this.pushers.push(pusher);
  }

  /** Stores one notification per user and pushes it; call after the change it reports has committed. */
  async notify(userIds: readonly string[], notification: NewNotification): Promise<void> {
    if (userIds.length === 0) return;
    const zones: { id: string; timezone: string }[] = await this.dataSource.query(
      `SELECT id, timezone FROM users WHERE id = ANY($1::uuid[])`,
      [userIds],
    );
    for (const { id: userId, timezone } of zones) {
      const body = typeof notification.body === 'function' ? notification.body(timezone) : notification.body;
      const [row] = (await this.dataSource.query(
        `INSERT INTO notifications (user_id, type, title, body, session_id) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [userId, notification.type, notification.title, body, notification.sessionId ?? null],
      )) as NotificationRow[];
      const view = toView(row!);
      for (const push of this.pushers) push(userId, view);
    }
  }

  async list(userId: string): Promise<NotificationListResponse> {
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT * FROM notifications WHERE user_id = $1 ORDER BY created_at DESC LIMIT ${LIST_LIMIT}`,
      [userId],
    );
    const [unread] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    )) as { count: number }[];
    return { notifications: rows.map(toView), unreadCount: unread?.count ?? 0 };
  }

  /** Marks the given notifications (or all, when `ids` is empty) as read. */
  async markRead(userId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) {
      await this.dataSource.query(
        `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`,
        [userId],
      );
      return;
    }
    await this.dataSource.query(
      `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND id = ANY($2::uuid[]) AND read_at IS NULL`,
      [userId, ids],
    );
  }
}

function toView(row: NotificationRow): Notification {
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

import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Notification, NotificationListResponse } from '@mockboard/contracts';
import { OutboxDispatcher } from '../outbox/outbox.dispatcher';
import type { OutboxRow } from '../outbox/outbox.repository';
import { OutboxService } from '../outbox/outbox.service';
import {
  NOTIFICATION_KIND,
  NotificationPayloadSchema,
  type NotificationPayload,
} from './notification-payload';

export type NotificationType = Notification['type'];

export interface NewNotification {
  type: NotificationType;
  title: string;
  /**
   * Text, or text written for the recipient: times are always shown in the reader's zone, and in
   * their "Date and time format" (a language tag) when they chose one (null: the default).
   */
  body: string | ((timeZone: string, locale: string | null) => string);
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
 * In-app notifications: enqueued with the change they report, stored and pushed live to the
 * user's open sockets once it has committed (by whichever gateway registered a pusher, so the
 * socket layer stays out of this service), listed with an unread count.
 */
@Injectable()
export class NotificationsService implements OnModuleInit {
  private pushers: Pusher[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register(NOTIFICATION_KIND, { deliver: (manager, row) => this.deliver(manager, row) });
  }

  onNotification(pusher: Pusher): void {
    this.pushers.push(pusher);
  }

  /**
   * Inside the transaction of the change it reports: one notification per user, delivered after
   * the commit (OutboxService.transaction delivers at once, the dispatcher's poll otherwise).
   */
  async notify(
    manager: EntityManager,
    userIds: readonly string[],
    notification: NewNotification,
  ): Promise<void> {
    if (userIds.length === 0) return;
    const readers: { id: string; timezone: string; date_time_locale: string | null }[] = await manager.query(
      `SELECT id, timezone, date_time_locale FROM users WHERE id = ANY($1::uuid[])`,
      [userIds],
    );
    const payloads = readers.map(({ id, timezone, date_time_locale }): NotificationPayload => ({
      userId: id,
      type: notification.type,
      title: notification.title,
      body:
        typeof notification.body === 'function'
          ? notification.body(timezone, date_time_locale)
          : notification.body,
      sessionId: notification.sessionId ?? null,
    }));
    await this.outbox.enqueue(manager, NOTIFICATION_KIND, payloads);
  }

  /**
   * Stores the notification of one outbox row; its outbox id is unique, so a retry after a
   * delivery that got as far as the insert adds nothing. It is dated when the change happened.
   */
  private async deliver(manager: EntityManager, row: OutboxRow): Promise<(() => void) | void> {
    const payload = NotificationPayloadSchema.parse(row.payload);
    const [stored] = (await manager.query(
      `INSERT INTO notifications (user_id, type, title, body, session_id, created_at, outbox_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (outbox_id) DO NOTHING
       RETURNING id, type, title, body, session_id, created_at, read_at`,
      [payload.userId, payload.type, payload.title, payload.body, payload.sessionId, row.created_at, row.id],
    )) as NotificationRow[];
    if (!stored) return;
    const view = toView(stored);
    return () => {
      for (const push of this.pushers) push(payload.userId, view);
    };
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

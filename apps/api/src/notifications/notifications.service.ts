import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Notification, NotificationListResponse } from '@mockboard/contracts';
import { OutboxDispatcher } from '../outbox/outbox.dispatcher';
import type { OutboxRow } from '../outbox/outbox.repository';
import { OutboxService } from '../outbox/outbox.service';
import {
  NOTIFICATION_KIND,
  NotificationPayloadSchema,
  type NotificationPayload,
} from './notification-payload';
import { NotificationsRepository, type NotificationReader } from './notifications.repository';

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

type Pusher = (userId: string, notification: Notification) => void;

/**
 * In-app notifications: enqueued with the change they report, stored and pushed live to the
 * user's open sockets once it has committed (by whichever gateway registered a pusher, so the
 * socket layer stays out of this service), listed with an unread count.
 */
@Injectable()
export class NotificationsService implements OnModuleInit {
  private pushers: Pusher[] = [];

  constructor(
    private readonly notifications: NotificationsRepository,
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
   * Inside the transaction of the change it reports: one notification per user, stored before
   * that transaction commits and pushed after (OutboxService.transaction), or by the dispatcher's
   * poll when the transaction was not started there.
   */
  async notify(
    manager: EntityManager,
    userIds: readonly string[],
    notification: NewNotification,
  ): Promise<void> {
    if (userIds.length === 0) return;
    await this.notifyReaders(manager, await this.notifications.readers(manager, userIds), notification);
  }

  /** As `notify`, for readers the caller has already read (with a row it locked): a round trip fewer. */
  async notifyReaders(
    manager: EntityManager,
    readers: readonly NotificationReader[],
    notification: NewNotification,
  ): Promise<void> {
    const payloads = readers.map(({ userId, timeZone, dateTimeLocale }): NotificationPayload => ({
      userId,
      type: notification.type,
      title: notification.title,
      body:
        typeof notification.body === 'function'
          ? notification.body(timeZone, dateTimeLocale)
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
    const stored = await this.notifications.insertOnce(manager, payload, row.id, row.createdAt);
    if (!stored) return;
    return () => {
      for (const push of this.pushers) push(payload.userId, stored);
    };
  }

  async list(userId: string): Promise<NotificationListResponse> {
    const notifications = await this.notifications.latest(userId);
    return { notifications, unreadCount: await this.notifications.unreadCount(userId) };
  }

  /** Marks the given notifications (or all, when `ids` is empty) as read. */
  async markRead(userId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) await this.notifications.markAllRead(userId);
    else await this.notifications.markRead(userId, ids);
  }
}

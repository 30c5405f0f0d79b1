import { z } from 'zod';
import { NotificationSchema } from '@mockboard/contracts';

/** The outbox kind of an in-app notification for one user. */
export const NOTIFICATION_KIND = 'notification';

/**
 * What an outbox row of NOTIFICATION_KIND holds: the notification as the recipient will read it
 * (its body already written for their time zone when the change committed). Parsed again at
 * delivery, since a row may have been written by another version of the app.
 */
export const NotificationPayloadSchema = NotificationSchema.pick({
  type: true,
  title: true,
  body: true,
  sessionId: true,
}).extend({ userId: z.uuid() });
export type NotificationPayload = z.infer<typeof NotificationPayloadSchema>;

import {
  NOTIFICATION_EVENT,
  NotificationListResponseSchema,
  NotificationSchema,
  type Notification,
  type NotificationListResponse,
} from '@mockboard/contracts';
import { io } from 'socket.io-client';
import { request } from './client';

export function listNotifications(signal?: AbortSignal): Promise<NotificationListResponse> {
  return request('/notifications', NotificationListResponseSchema, { signal });
}

/** Marks the given notifications read, or all of them without ids. */
export function markNotificationsRead(ids?: string[]): Promise<void> {
  return request('/notifications/read', null, { method: 'POST', body: ids ? { ids } : {} });
}

interface NotificationStreamHandlers {
  onNotification: (notification: Notification) => void;
  /** After a dropped connection comes back: pushes sent meanwhile were missed, so reload the list. */
  onReconnect: () => void;
}

/**
 * Live notifications over socket.io on the same origin; the session cookie authenticates the
 * handshake. Returns a function that closes the connection.
 */
export function subscribeToNotifications({
  onNotification,
  onReconnect,
}: NotificationStreamHandlers): () => void {
  const socket = io({ withCredentials: true });
  let connectedBefore = false;
  socket.on('connect', () => {
    if (connectedBefore) onReconnect();
    connectedBefore = true;
  });
  socket.on(NOTIFICATION_EVENT, (payload: unknown) => {
    // Parsed like every REST response: a payload from a newer server is ignored, not half-shown.
    const parsed = NotificationSchema.safeParse(payload);
    if (parsed.success) onNotification(parsed.data);
  });
  return () => {
    socket.off();
    socket.disconnect();
  };
}

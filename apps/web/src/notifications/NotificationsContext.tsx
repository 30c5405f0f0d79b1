import type { Notification } from '@mockboard/contracts';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { isAbortError, toApiRequestError, type ApiRequestError } from '../api/client';
import { listNotifications, markNotificationsRead, subscribeToNotifications } from '../api/notifications';
import { useAuth } from '../auth/AuthContext';

type Listener = (notification: Notification) => void;

interface Loaded {
  userId: string;
  notifications: Notification[];
  unreadCount: number;
  error?: ApiRequestError;
}

interface NotificationsValue {
  /** Null until the first load (and for signed-out visitors). */
  notifications: Notification[] | null;
  unreadCount: number;
  error: ApiRequestError | null;
  reload(): void;
  markRead(ids?: string[]): Promise<void>;
  /** Hears every live notification; pages use it to refresh what the notification is about. */
  subscribe(listener: Listener): () => void;
}

const NotificationsContext = createContext<NotificationsValue | null>(null);

/**
 * The signed-in user's notifications: loaded once, then kept current by socket.io pushes (and a
 * reload after a reconnect, since pushes sent while offline are lost).
 */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const userId = user?.id ?? null;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [attempt, setAttempt] = useState(0);
  const listeners = useRef(new Set<Listener>());
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    if (!userId) return;
    const controller = new AbortController();
    listNotifications(controller.signal).then(
      ({ notifications, unreadCount }) => setLoaded({ userId, notifications, unreadCount }),
      (error: unknown) => {
        if (isAbortError(error)) return;
        setLoaded((current) => ({
          userId,
          notifications: current?.userId === userId ? current.notifications : [],
          unreadCount: current?.userId === userId ? current.unreadCount : 0,
          error: toApiRequestError(error),
        }));
      },
    );
    return () => controller.abort();
  }, [userId, attempt]);

  useEffect(() => {
    if (!userId) return;
    return subscribeToNotifications({
      onNotification: (notification) => {
        setLoaded((current) => {
          if (current?.userId !== userId) return current;
          if (current.notifications.some((known) => known.id === notification.id)) return current;
          return {
            ...current,
            notifications: [notification, ...current.notifications],
            unreadCount: current.unreadCount + (notification.readAt ? 0 : 1),
          };
        });
        for (const listener of listeners.current) listener(notification);
      },
      onReconnect: reload,
    });
  }, [userId, reload]);

  const markRead = useCallback(async (ids?: string[]) => {
    await markNotificationsRead(ids);
    const readAt = new Date().toISOString();
    setLoaded((current) => {
      if (!current) return current;
      const marks = (notification: Notification) =>
        !notification.readAt && (!ids || ids.includes(notification.id));
      const newlyRead = current.notifications.filter(marks).length;
      return {
        ...current,
        notifications: current.notifications.map((n) => (marks(n) ? { ...n, readAt } : n)),
        // Unread ones beyond the loaded page are counted by the server only: all of them when no ids.
        unreadCount: ids ? Math.max(0, current.unreadCount - newlyRead) : 0,
      };
    });
  }, []);

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  const current = loaded?.userId === userId ? loaded : null;
  const value = useMemo<NotificationsValue>(
    () => ({
      notifications: current?.notifications ?? null,
      unreadCount: current?.unreadCount ?? 0,
      error: current?.error ?? null,
      reload,
      markRead,
      subscribe,
    }),
    [current, reload, markRead, subscribe],
  );

  return <NotificationsContext.Provider value={value}>{children}</NotificationsContext.Provider>;
}

export function useNotifications(): NotificationsValue {
  const value = useContext(NotificationsContext);
  if (!value) throw new Error('useNotifications must be used inside <NotificationsProvider>');
  return value;
}

/** Calls `listener` for each live notification while the component is mounted. */
export function useNotificationListener(listener: Listener): void {
  const { subscribe } = useNotifications();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => subscribe((notification) => latest.current(notification)), [subscribe]);
}

/**
 * A key that changes whenever what a page lists may have changed: on every live notification (a
 * partner booked, cancelled or moved a session), or when the page calls `refresh` itself.
 */
export function useRefreshOnNotification(): { version: number; refresh: () => void } {
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((n) => n + 1), []);
  useNotificationListener(refresh);
  return { version, refresh };
}

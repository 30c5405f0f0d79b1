import type { Notification } from '@mockboard/contracts';
import { Link } from 'react-router-dom';
import { useDisclosure } from '../hooks/useDisclosure';
import { formatDayKey, formatTime } from '../time/format';
import { dateKeyIn } from '../time/zoned-time';
import { useNotifications } from './NotificationsContext';

/** The bell in the header: the unread count, and a panel listing the latest notifications. */
export function NotificationBell({ zone }: { zone: string }) {
  const { notifications, unreadCount, error, reload, markRead } = useNotifications();
  const { open, setOpen, rootRef, buttonRef, panelId } = useDisclosure();
  const label = unreadCount > 0 ? `Notifications, ${unreadCount} unread` : 'Notifications';

  function openItem(notification: Notification) {
    setOpen(false);
    // Best effort: the link works either way, and the next load shows the true state.
    if (!notification.readAt) markRead([notification.id]).catch(() => undefined);
  }

  return (
    <div className="bell" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="bell__button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <BellIcon />
        {unreadCount > 0 && (
          <span className="bell__count" aria-hidden="true">
            {unreadCount > 99 ? '99+' : unreadCount}
          </span>
        )}
      </button>
      <div id={panelId} className="bell__panel" hidden={!open}>
        <div className="bell__header">
          <h2 className="bell__title">Notifications</h2>
          {unreadCount > 0 && (
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => markRead().catch(() => undefined)}
            >
              Mark all read
            </button>
          )}
        </div>
        {error ? (
          <p className="bell__message" role="alert">
            {error.message}{' '}
            <button type="button" className="link-button" onClick={reload}>
              Try again
            </button>
          </p>
        ) : notifications === null ? (
          <p className="bell__message">Loading…</p>
        ) : notifications.length === 0 ? (
          <p className="bell__message">
            Nothing yet. Bookings, matches and changes to your sessions show up here.
          </p>
        ) : (
          <ul className="bell__list">
            {notifications.map((notification) => (
              <li key={notification.id}>
                <NotificationItem notification={notification} zone={zone} onOpen={openItem} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function NotificationItem({
  notification,
  zone,
  onOpen,
}: {
  notification: Notification;
  zone: string;
  onOpen: (notification: Notification) => void;
}) {
  const created = new Date(notification.createdAt);
  const body = (
    <>
      <span className="bell__item-title">
        {!notification.readAt && <span className="visually-hidden">Unread: </span>}
        {notification.title}
      </span>
      <span className="bell__item-body">{notification.body}</span>
      <span className="bell__item-time">
        {formatDayKey(dateKeyIn(created, zone))}, {formatTime(created, zone)}
      </span>
    </>
  );
  const className = `bell__item${notification.readAt ? '' : ' bell__item--unread'}`;
  return notification.sessionId ? (
    <Link
      to={`/sessions/${notification.sessionId}`}
      className={className}
      onClick={() => onOpen(notification)}
    >
      {body}
    </Link>
  ) : (
    <div className={className}>{body}</div>
  );
}

function BellIcon() {
  return (
    <svg className="bell__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M6 16V11a6 6 0 1 1 12 0v5l1.5 2h-15L6 16Zm4 3.5a2 2 0 0 0 4 0"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}

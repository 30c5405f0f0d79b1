import type { ConnectionStatus } from '@mockboard/collab';
import type { RoomParticipant } from '@mockboard/contracts';
import { MicIcon } from '../call/CallIcons';
import { NO_CALL_PRESENCE, type CallPresence } from '../call/call-words';
import { initials } from '../components/Avatar';
import { useSaveNotice } from './useSaveNotice';

const STATUS_TEXT: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

const changes = (count: number) => (count === 1 ? '1 change' : `${count} changes`);

interface ConnectionIndicatorProps {
  status: ConnectionStatus;
  /** Edits not stored yet. */
  pending: number;
  /** Since when the oldest edit sent has waited to be stored (CollabClient.unstoredSince). */
  unstoredSince: () => number | null;
}

/** Whether this page is in touch with the room, and how many of your edits still wait for it. */
export function ConnectionIndicator({ status, pending, unstoredSince }: ConnectionIndicatorProps) {
  const notice = useSaveNotice(status === 'connected', pending, unstoredSince);
  const waiting = status !== 'connected' && pending > 0;
  return (
    <p className={`room-connection room-connection--${status}`} role="status">
      <span className="room-connection__dot" aria-hidden="true" />
      <span className="room-connection__text">{STATUS_TEXT[status]}</span>
      {waiting && <span className="room-connection__pending">{changes(pending)} waiting to be sent</span>}
      {notice === 'saving' && <span className="room-connection__pending">Saving {changes(pending)}…</span>}
      {notice === 'saved' && <span>All changes saved</span>}
    </p>
  );
}

interface PresenceListProps {
  participants: readonly RoomParticipant[];
  online: ReadonlyMap<string, boolean>;
  idle: ReadonlySet<string>;
  myUserId: string;
  /** Who speaks and who is muted in the call (nobody, without one). */
  call?: CallPresence;
}

/** Who is in the room: each participant in their cursor colour, online or not, speaking or muted. */
export function PresenceList({
  participants,
  online,
  idle,
  myUserId,
  call = NO_CALL_PRESENCE,
}: PresenceListProps) {
  return (
    <ul className="room-presence" aria-label="People in this session">
      {participants.map((participant) => {
        const isOnline = participant.userId === myUserId || (online.get(participant.userId) ?? false);
        const presence = !isOnline ? 'offline' : idle.has(participant.userId) ? 'idle' : 'online';
        const name =
          participant.userId === myUserId ? `${participant.displayName} (you)` : participant.displayName;
        const speaking = call.speaking.has(participant.userId);
        const muted = call.muted.has(participant.userId);
        return (
          <li
            key={participant.userId}
            className={`room-presence__person room-presence__person--${presence}${isOnline ? '' : ' room-presence__person--away'}${speaking ? ' room-presence__person--speaking' : ''}`}
            title={`${name}: ${presence}${muted ? ', muted' : ''}`}
          >
            <span className="room-presence__avatar" style={{ background: participant.colour }}>
              <span aria-hidden="true">{initials(participant.displayName)}</span>
              <span className="room-presence__dot" aria-hidden="true" />
              {muted && (
                <span
                  className="room-presence__muted"
                  role="img"
                  aria-label={`${participant.displayName} is muted`}
                >
                  <MicIcon off />
                </span>
              )}
            </span>
            <span className="room-presence__name">{name}</span>
            <span className="visually-hidden">
              , {presence}
              {speaking && ', speaking'}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

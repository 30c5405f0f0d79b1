import { Link } from 'react-router-dom';
import type { Session, User } from '@mockboard/contracts';
import { sessionAllows } from '@mockboard/schedule';
import { calendarFileUrl } from '../api/sessions';
import { FORMAT_LABELS } from '../components/labels';
import { StatusPill } from '../components/StatusPill';
import { formatCountdown, formatDuration, formatRange, zoneName } from '../time/format';
import {
  isActive,
  me,
  partnerOf,
  playedRounds,
  roomOpensAt,
  roomOpensText,
  sessionTitle,
} from './session-facts';
import { useJoinSession } from './useJoinSession';

interface SessionSummaryProps {
  session: Session;
  user: User;
  now: Date;
  onChange: (session: Session) => void;
}

/** What, when (in the user's zone, named), the countdown, checking in, and the calendar file. */
export function SessionSummary({ session, user, now, onChange }: SessionSummaryProps) {
  const zone = user.timezone;
  const start = new Date(session.startsAt);
  const startsIn = start.getTime() - now.getTime();
  const active = isActive(session, now);
  const partner = partnerOf(session, user.id);
  const checkedIn = Boolean(me(session, user.id)?.joinedAt);
  const opensAt = roomOpensAt(session);
  const { join, pending, error } = useJoinSession(session, zone, onChange);

  return (
    <header className="session-summary">
      <p className="session-summary__eyebrow">
        <StatusPill status={session.status} />
        <span>
          {session.kind === 'solo' ? 'Solo' : FORMAT_LABELS[session.format]} ·{' '}
          {formatDuration(session.durationMinutes)}
        </span>
      </p>
      <h1>{sessionTitle(session, user.id)}</h1>
      <p className="session-summary__when">
        <time dateTime={session.startsAt}>{formatRange(start, new Date(session.endsAt), zone)}</time>{' '}
        <span className="session-summary__zone">({zoneName(zone)})</span>
      </p>
      {active && (
        <p className="session-summary__countdown">
          {startsIn > 0 ? (
            <>
              Starts in <span className="countdown">{formatCountdown(startsIn)}</span>
            </>
          ) : (
            'Under way'
          )}
        </p>
      )}
      {session.cancellation && (
        <p className="notice">
          Cancelled by{' '}
          {session.cancellation.cancelledBy === null
            ? "Mockboard's moderators"
            : session.cancellation.cancelledBy === user.id
              ? 'you'
              : (partner?.displayName ?? 'your partner')}
          {session.cancellation.late && ' (late cancellation)'}: “{session.cancellation.reason}”
        </p>
      )}

      <div className="session-summary__actions">
        {active &&
          (checkedIn ? (
            <>
              <Link className="button" to={session.roomUrl}>
                Enter the room
              </Link>
              <p className="checked-in" role="status">
                <span className="form__status-icon" aria-hidden="true" />
                You’re checked in.
                {partner &&
                  (partner.joinedAt
                    ? ` ${partner.displayName} is here too.`
                    : ` ${partner.displayName} has not checked in yet.`)}
              </p>
            </>
          ) : (
            <button type="button" className="button" onClick={join} disabled={pending}>
              {pending && <span className="spinner spinner--small" aria-hidden="true" />}
              Join
            </button>
          ))}
        {!active && sessionAllows(session.status, 'stand_as_booked') && (
          <Link className="button button--secondary" to={`/sessions/${session.id}/replay`}>
            Watch the replay
          </Link>
        )}
        {/* After the session both participants may open the reference design beside their board. */}
        {sessionAllows(session.status, 'compare_with_reference') &&
          playedRounds(session).some((round) => round.promptId !== null) && (
            <Link className="button button--secondary" to={`/sessions/${session.id}/replay?compare=1`}>
              Compare with the reference design
            </Link>
          )}
        {/* A calendar entry is for a session still ahead or under way, not one that has ended. */}
        {active && sessionAllows(session.status, 'stand_as_booked') && (
          <a className="button button--secondary" href={calendarFileUrl(session.id)} download>
            Add to calendar
          </a>
        )}
      </div>
      {active && !checkedIn && !error && now < opensAt && (
        <p className="field__hint">{roomOpensText(session, zone, now)}</p>
      )}
      {error && (
        <div className="form-alert" role="alert">
          {error}
        </div>
      )}
    </header>
  );
}

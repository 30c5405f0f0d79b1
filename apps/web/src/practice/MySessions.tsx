import type { Session, User } from '@mockboard/contracts';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { listSessions } from '../api/sessions';
import { FORMAT_LABELS } from '../components/labels';
import { StatusPill } from '../components/StatusPill';
import { EmptyState, ErrorState, LoadingState } from '../components/StatusViews';
import { useNow } from '../hooks/useNow';
import { latestData, useResource } from '../hooks/useResource';
import { useJoinSession } from '../session/useJoinSession';
import { roomOpensAt, roomOpensWhen, sessionTitle } from '../session/session-facts';
import { formatCountdown, formatRange, zoneName } from '../time/format';

const PAST_SHOWN = 5;

/** Upcoming sessions with a live countdown and Join; past ones below. */
export function MySessions({ user, refreshKey }: { user: User; refreshKey: number }) {
  const sessions = useResource(`sessions:${refreshKey}`, (signal) => listSessions(signal));
  const [showAllPast, setShowAllPast] = useState(false);
  const shown = latestData(sessions);

  return (
    <section className="practice-section" aria-labelledby="my-sessions-title">
      <div className="section-heading">
        <h2 id="my-sessions-title">My sessions</h2>
        <p className="section-heading__note">Times in {zoneName(user.timezone)}</p>
      </div>
      {sessions.status === 'error' ? (
        <ErrorState title="Could not load your sessions" error={sessions.error} onRetry={sessions.retry} />
      ) : !shown ? (
        <LoadingState label="Loading your sessions…" />
      ) : (
        <>
          {shown.upcoming.length === 0 ? (
            <EmptyState title="No upcoming sessions">
              <p>Book an open slot, offer a time of your own, or practise now with whoever is around.</p>
            </EmptyState>
          ) : (
            <ul className="session-list" aria-label="Upcoming sessions">
              {shown.upcoming.map((session) => (
                <li key={session.id}>
                  <UpcomingSession session={session} user={user} />
                </li>
              ))}
            </ul>
          )}
          {shown.past.length > 0 && (
            <div className="past-sessions">
              <h3>Past sessions</h3>
              <ul className="session-list session-list--past">
                {shown.past.slice(0, showAllPast ? undefined : PAST_SHOWN).map((session) => (
                  <li key={session.id}>
                    <PastSession session={session} user={user} />
                  </li>
                ))}
              </ul>
              {!showAllPast && shown.past.length > PAST_SHOWN && (
                <button
                  type="button"
                  className="button button--ghost button--small"
                  onClick={() => setShowAllPast(true)}
                >
                  Show all {shown.past.length} past sessions
                </button>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}

function UpcomingSession({ session, user }: { session: Session; user: User }) {
  const now = useNow(1000);
  const { join, pending, error } = useJoinSession(session, user.timezone);
  const startsIn = new Date(session.startsAt).getTime() - now.getTime();
  const checkedIn = session.participants.some((p) => p.id === user.id && p.joinedAt);
  const title = sessionTitle(session, user.id);
  // Join stays a button before the room opens (its answer says when); the row says it up front.
  const opensLater = now < roomOpensAt(session);

  return (
    <article className="session-row">
      <div className="session-row__main">
        <h3 className="session-row__title">
          <Link to={`/sessions/${session.id}`}>{title}</Link>
        </h3>
        <p className="session-row__when">
          {formatRange(new Date(session.startsAt), new Date(session.endsAt), user.timezone)} ·{' '}
          {FORMAT_LABELS[session.format]}
        </p>
        <p className="session-row__countdown">
          {startsIn > 0 ? (
            <>
              Starts in <span className="countdown">{formatCountdown(startsIn)}</span>
            </>
          ) : (
            'Under way'
          )}
          {opensLater && !error && (
            <span className="session-row__opens">
              Room opens {roomOpensWhen(session, user.timezone, now)}
            </span>
          )}
          {checkedIn && <span className="status-pill status-pill--ok">Checked in</span>}
        </p>
      </div>
      <div className="session-row__actions">
        <button type="button" className="button button--small" onClick={join} disabled={pending}>
          {pending && <span className="spinner spinner--small" aria-hidden="true" />}
          Join<span className="visually-hidden"> {title}</span>
        </button>
        <Link to={`/sessions/${session.id}`} className="button button--secondary button--small">
          Details<span className="visually-hidden"> of {title}</span>
        </Link>
      </div>
      {error && (
        <p className="session-row__error" role="alert">
          {error}
        </p>
      )}
    </article>
  );
}

function PastSession({ session, user }: { session: Session; user: User }) {
  return (
    <article className="session-row session-row--past">
      <div className="session-row__main">
        <h3 className="session-row__title">
          <Link to={`/sessions/${session.id}`}>{sessionTitle(session, user.id)}</Link>
        </h3>
        <p className="session-row__when">
          {formatRange(new Date(session.startsAt), new Date(session.endsAt), user.timezone)} ·{' '}
          {FORMAT_LABELS[session.format]}
        </p>
      </div>
      <StatusPill status={session.status} />
    </article>
  );
}

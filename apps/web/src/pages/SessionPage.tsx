import type { Session, User } from '@mockboard/contracts';
import { sessionAllows, sessionHasBegun } from '@mockboard/schedule';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { getSession } from '../api/sessions';
import { useAuth } from '../auth/AuthContext';
import { EmptyState, ErrorState, LoadingState } from '../components/StatusViews';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useNow } from '../hooks/useNow';
import { useResource } from '../hooks/useResource';
import { ReportOrBlock } from '../moderation/ReportOrBlock';
import { useNotificationListener } from '../notifications/NotificationsContext';
import { SessionScoringSection } from '../scoring/SessionScoringSection';
import { CancelSession } from '../session/CancelSession';
import { ContactSharing } from '../session/ContactSharing';
import { PartnerSection } from '../session/PartnerSection';
import { Reschedule } from '../session/Reschedule';
import { RoundsSection } from '../session/RoundsSection';
import { SessionSummary } from '../session/SessionSummary';
import { isActive, partnerOf, sessionTitle } from '../session/session-facts';

/** Rendered inside <RequireAuth>, so a user is always present. */
export function SessionPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  if (!user) return null;
  return <SessionScreen key={`${user.id}:${id}`} id={id} user={user} />;
}

function SessionScreen({ id, user }: { id: string; user: User }) {
  const resource = useResource(`session:${id}`, (signal) => getSession(id, signal));
  // The latest copy from a change made here or announced by the partner, over the first load.
  const [updated, setUpdated] = useState<Session | null>(null);
  const now = useNow(1000);
  useNotificationListener((notification) => {
    if (notification.sessionId === id) getSession(id).then(setUpdated, () => undefined);
  });

  const session = updated ?? (resource.status === 'success' ? resource.data : undefined);
  useDocumentTitle(session ? sessionTitle(session, user.id) : 'Session');

  if (!session) {
    return (
      <div className="container page page--narrow">
        <BackLink />
        {resource.status === 'error' ? (
          resource.error.status === 404 ? (
            <EmptyState
              level={1}
              title="Session not found"
              action={
                <Link to="/practice" className="button">
                  Go to Practice
                </Link>
              }
            >
              <p>It may have been removed, or it belongs to someone else.</p>
            </EmptyState>
          ) : (
            <ErrorState
              level={1}
              title="Could not load this session"
              error={resource.error}
              onRetry={resource.retry}
            />
          )
        ) : (
          <>
            <h1 className="visually-hidden">Session</h1>
            <LoadingState label="Loading the session…" />
          </>
        )}
      </div>
    );
  }

  const zone = user.timezone;
  const partner = partnerOf(session, user.id);
  const active = isActive(session, now);
  // A no-show or bad behaviour can only be reported once there was a session to miss.
  const reportable = sessionAllows(session.status, 'report');
  const begun = sessionHasBegun(session, now);
  const canReport = reportable && begun;
  return (
    <div className="container page page--narrow session-page">
      <BackLink />
      <SessionSummary session={session} user={user} now={now} onChange={setUpdated} />
      {partner && <PartnerSection partner={partner} />}
      <RoundsSection session={session} user={user} active={active} onChange={setUpdated} />
      <SessionScoringSection session={session} user={user} />
      {partner && sessionAllows(session.status, 'change_booking') && active && (
        <Reschedule session={session} user={user} partner={partner} zone={zone} onChange={setUpdated} />
      )}
      {/* Contact details are for people who met, not for a session that was called off. */}
      {partner && !active && sessionAllows(session.status, 'stand_as_booked') && (
        <ContactSharing session={session} user={user} partner={partner} onChange={setUpdated} />
      )}
      {partner && (
        <section className="session-section" aria-labelledby="report-title">
          <h2 id="report-title">Report or block</h2>
          <p className="session-section__note">
            {canReport
              ? `If ${partner.displayName} did not show up or behaved badly, tell the moderators; blocking keeps you apart from now on.`
              : reportable && !begun
                ? `Blocking keeps you apart from now on. Reporting ${partner.displayName} to the moderators opens once the session has started.`
                : 'Blocking keeps you apart from now on.'}
          </p>
          <ReportOrBlock sessionId={session.id} partner={partner} canReport={canReport} />
        </section>
      )}
      {sessionAllows(session.status, 'change_booking') && active && (
        <CancelSession session={session} now={now} partner={partner} onChange={setUpdated} />
      )}
    </div>
  );
}

function BackLink() {
  return (
    <Link to="/practice" className="back-link">
      <span aria-hidden="true">←</span> Practice
    </Link>
  );
}

import { Link, useParams } from 'react-router-dom';
import { SessionIdSchema, type ErrorAck } from '@mockboard/contracts';
import { useAuth } from '../auth/AuthContext';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { LoadingState } from '../components/StatusViews';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { LiveRoom } from '../room/LiveRoom';
import { useCollabRoom } from '../room/useCollabRoom';
import '../styles/room.css';
import '../styles/room-board.css';
import '../styles/call.css';

const REFUSAL_TITLES: Partial<Record<ErrorAck['error']['code'], string>> = {
  forbidden: 'This room is not yours to enter',
  conflict: 'The room is not open',
  unauthorized: 'Please sign in again',
  too_many_sockets: 'The room is open in too many tabs',
};

/** The live interview room at /sessions/:id/room: full screen, outside the site's frame. */
export function RoomPage() {
  const { id = '' } = useParams();
  // An address that names no session at all (a mistyped or cut link) is not worth a connection.
  if (!SessionIdSchema.safeParse(id).success) return <NoSuchSession />;
  return (
    <ErrorBoundary>
      <Room key={id} sessionId={id} />
    </ErrorBoundary>
  );
}

function NoSuchSession() {
  useDocumentTitle('Session not found');
  return (
    <div className="room-screen">
      <div className="status status--error" role="alert">
        <h1 className="status__title">Session not found</h1>
        <p className="status__text">This address does not lead to a session: check the link you followed.</p>
        <div className="room-screen__actions">
          <Link to="/practice" className="button button--secondary">
            Your sessions
          </Link>
        </div>
      </div>
    </div>
  );
}

function Room({ sessionId }: { sessionId: string }) {
  const { user } = useAuth();
  const live = useCollabRoom(sessionId);
  const { connection } = live;
  useDocumentTitle(
    connection.kind === 'joined' ? (connection.room.ack.prompt?.title ?? 'Interview room') : 'Interview room',
  );

  if (connection.kind === 'joining' || !user) {
    return (
      <div className="room-screen">
        <LoadingState label="Joining the room…" />
      </div>
    );
  }
  if (connection.kind === 'refused') {
    const { code, message } = connection.error;
    return (
      <div className="room-screen">
        <div className="status status--error" role="alert">
          <h1 className="status__title">{REFUSAL_TITLES[code] ?? 'Could not join the room'}</h1>
          <p className="status__text">{message}</p>
          <div className="room-screen__actions">
            <Link to={`/sessions/${sessionId}`} className="button button--secondary">
              Back to the session
            </Link>
            <Link to="/practice" className="button button--ghost">
              Your sessions
            </Link>
          </div>
        </div>
      </div>
    );
  }
  return <LiveRoom live={live} joined={connection.room} myUserId={user.id} />;
}

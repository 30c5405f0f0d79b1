import { useMemo } from 'react';
import type { Session } from '@mockboard/contracts';
import { Link, useParams } from 'react-router-dom';
import {
  replayOpening,
  replayTimeline,
  roundAt,
  roundDrew,
  sceneAfter,
  stepsUntil,
  type ReplayTimeline,
} from '@mockboard/scene';
import { sessionAllows } from '@mockboard/schedule';
import { getSession } from '../api/sessions';
import { ReplayChat } from '../chat/ReplayChat';
import { EmptyState, ErrorState, LoadingState } from '../components/StatusViews';
import { CompareWithReference } from '../diagram/CompareWithReference';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
import { ReplayBoard } from '../room/ReplayBoard';
import { ReplayControls } from '../room/ReplayControls';
import { ReplayHints } from '../room/hints/ReplayHints';
import { useReplayLog, type ReplayLog } from '../room/useReplayLog';
import { useReplayPlayback } from '../room/useReplayPlayback';
import '../styles/replay.css';

/**
 * /sessions/:id/replay: the whiteboard as it grew, with the phase changes, the hints revealed and
 * the chat's messages marked on the time line.
 */
export function ReplayPage() {
  const { id = '' } = useParams();
  useDocumentTitle('Replay');
  // Read once for the page: whether the session is still to come, and its rounds to compare.
  const session = useResource(`session:${id}`, (signal) => getSession(id, signal));
  const loaded = session.status === 'success' ? session.data : null;

  return (
    <div className="container page replay-page">
      <Link to={`/sessions/${id}`} className="back-link">
        <span aria-hidden="true">←</span> Back to the session
      </Link>
      <header className="page-header replay-page__header">
        <h1>Whiteboard replay</h1>
        <p className="page-header__lead">Watch the design take shape, phase by phase.</p>
      </header>
      <Replay key={id} sessionId={id} session={loaded} />
      {loaded && <CompareWithReference key={`compare-${id}`} session={loaded} />}
    </div>
  );
}

/** The replay of one session, playable as soon as its first page of changes has arrived. */
function Replay({ sessionId, session }: { sessionId: string; session: Session | null }) {
  const log = useReplayLog(sessionId);
  const timeline = useMemo(() => replayTimeline(log.entries), [log.entries]);

  if (!log.started) {
    return log.error ? (
      <ErrorState title="The replay could not be loaded" error={log.error} onRetry={log.retry} />
    ) : (
      <LoadingState label="Loading the replay…" />
    );
  }
  return (
    <>
      {timeline.steps.length > 0 ? (
        <ReplayPlayer sessionId={sessionId} timeline={timeline} loaded={log.done} />
      ) : (
        log.done && <NothingDrawn session={session} timeline={timeline} />
      )}
      <ReplayProgress log={log} />
    </>
  );
}

/**
 * A session whose board stayed empty has nothing to play: an empty board and a 0:00 player would
 * only puzzle. What did happen (hints revealed, the chat) is still listed, every entry shown.
 */
function NothingDrawn({ session, timeline }: { session: Session | null; timeline: ReplayTimeline }) {
  const end = Number.POSITIVE_INFINITY;
  // A session still to come, or under way, has not "stayed" empty: nothing is drawn yet.
  const yet = session !== null && sessionAllows(session.status, 'use_room');
  return (
    <>
      <EmptyState title="Nothing was drawn in this session">
        {yet
          ? 'Not yet: the replay fills in as the whiteboard is drawn on.'
          : 'The whiteboard stayed empty, so there is nothing to replay.'}
      </EmptyState>
      <ReplayHints hints={timeline.hints} position={end} />
      <ReplayChat messages={timeline.messages} position={end} />
    </>
  );
}

const count = (n: number) => n.toLocaleString('en-US');

/** How much of a long replay is loaded; a failed page can be retried without starting over. */
function ReplayProgress({ log }: { log: ReplayLog }) {
  if (log.error) {
    return (
      <ErrorState title="The rest of the replay could not be loaded" error={log.error} onRetry={log.retry} />
    );
  }
  if (log.done) return null;
  // "~": a live session's log may still grow, and quick moves merge into fewer entries.
  const total = Math.max(log.total ?? 0, log.entries.length);
  return (
    <LoadingState
      label={`Loading ${count(log.entries.length)} of ~${count(total)} changes… You can play what is loaded.`}
    />
  );
}

function ReplayPlayer({
  sessionId,
  timeline,
  loaded,
}: {
  sessionId: string;
  timeline: ReplayTimeline;
  /** Every page of the log has arrived. */
  loaded: boolean;
}) {
  const opening = useMemo(() => replayOpening(timeline), [timeline]);
  const playback = useReplayPlayback(timeline.duration, opening.offset);
  // Resting where the page opened on an earlier round's design: that round's whole board.
  const openedBoard = playback.resting ? opening.board : null;
  // The scrubber's start is the empty board the session began with: the first logged change may
  // already be a whole shape (quick moves are merged into their last version in the log). A log
  // whose changes all share one instant has no start to scrub to: it shows the finished board.
  const atStart = playback.position <= 0 && timeline.duration > 0;
  const shown =
    openedBoard !== null ? timeline.steps.length : atStart ? 0 : stepsUntil(timeline, playback.position);
  // Each round drew on its own board: the board shown is the one of the round at the play head,
  // so it switches at the round's marker.
  const round = openedBoard ?? roundAt(timeline, playback.position);
  const rounds = timeline.markers.some((marker) => marker.kind === 'round');
  // Rebuilt only when the play head passes another change, not on every animation frame.
  const elements = useMemo(() => sceneAfter(timeline, shown, round), [timeline, shown, round]);

  return (
    <section className="replay-player" aria-label="Replay">
      <ReplayBoard sessionId={sessionId} elements={elements} fitOnceLoaded={loaded} />
      <ReplayControls
        duration={timeline.duration}
        position={playback.position}
        playing={playback.playing}
        speed={playback.speed}
        markers={timeline.markers}
        chatOffsets={timeline.messages.map((entry) => entry.offset)}
        hintOffsets={timeline.hints.map((entry) => entry.offset)}
        onSeek={playback.seek}
        onTogglePlaying={playback.togglePlaying}
        onSpeed={playback.setSpeed}
      />
      <p className="replay-player__summary">
        {rounds && (
          <strong className="replay-player__round">
            Round {round} board{roundDrew(timeline, round) ? '' : ' (nothing was drawn on it)'} ·{' '}
          </strong>
        )}
        {shown} of {timeline.steps.length} changes shown
      </p>
      <ReplayHints hints={timeline.hints} position={playback.position} onSeek={playback.seek} />
      <ReplayChat messages={timeline.messages} position={playback.position} onSeek={playback.seek} />
    </section>
  );
}

import { useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { replayTimeline, sceneAfter, stepsUntil, type ReplayTimeline } from '@mockboard/scene';
import { getReplay } from '../api/replay';
import { EmptyState, ErrorState, LoadingState } from '../components/StatusViews';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
import { ReplayBoard } from '../room/ReplayBoard';
import { ReplayControls } from '../room/ReplayControls';
import { useReplayPlayback } from '../room/useReplayPlayback';
import '../styles/replay.css';

/** /sessions/:id/replay: the whiteboard as it grew, with the phase changes marked on the time line. */
export function ReplayPage() {
  const { id = '' } = useParams();
  useDocumentTitle('Replay');
  const replay = useResource(`replay:${id}`, (signal) => getReplay(id, signal));
  const timeline = useMemo(
    () => (replay.status === 'success' ? replayTimeline(replay.data.entries) : null),
    [replay],
  );

  return (
    <div className="container page replay-page">
      <Link to={`/sessions/${id}`} className="back-link">
        <span aria-hidden="true">←</span> Back to the session
      </Link>
      <header className="page-header replay-page__header">
        <h1>Whiteboard replay</h1>
        <p className="page-header__lead">Watch the design take shape, phase by phase.</p>
      </header>
      {replay.status === 'loading' && <LoadingState label="Loading the replay…" />}
      {replay.status === 'error' && (
        <ErrorState title="The replay could not be loaded" error={replay.error} onRetry={replay.retry} />
      )}
      {timeline &&
        (timeline.steps.length === 0 ? (
          <EmptyState title="Nothing was drawn in this session">
            The whiteboard stayed empty, so there is nothing to replay.
          </EmptyState>
        ) : (
          <ReplayPlayer sessionId={id} timeline={timeline} />
        ))}
    </div>
  );
}

function ReplayPlayer({ sessionId, timeline }: { sessionId: string; timeline: ReplayTimeline }) {
  const playback = useReplayPlayback(timeline.duration);
  const count = stepsUntil(timeline, playback.position);
  // Rebuilt only when the play head passes another change, not on every animation frame.
  const elements = useMemo(() => sceneAfter(timeline, count), [timeline, count]);

  return (
    <section className="replay-player" aria-label="Replay">
      <ReplayBoard sessionId={sessionId} elements={elements} />
      <ReplayControls
        duration={timeline.duration}
        position={playback.position}
        playing={playback.playing}
        speed={playback.speed}
        markers={timeline.markers}
        onSeek={playback.seek}
        onTogglePlaying={playback.togglePlaying}
        onSpeed={playback.setSpeed}
      />
      <p className="replay-player__summary">
        {count} of {timeline.steps.length} changes shown
      </p>
    </section>
  );
}

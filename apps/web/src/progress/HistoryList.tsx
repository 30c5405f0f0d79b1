import type { ProgressResponse } from '@mockboard/contracts';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { StatusPill } from '../components/StatusPill';
import { formatScore } from '../scoring/scorecard-draft';
import { formatDateTime } from '../time/format';

type Entry = ProgressResponse['history'][number];

/** Past sessions, newest first: the whiteboard, the prompts, the score, and where to look back. */
export function HistoryList({ history, zone }: { history: readonly Entry[]; zone: string }) {
  return (
    <ul className="history-list">
      {history.map((entry) => (
        <li key={entry.sessionId}>
          <HistoryEntry entry={entry} zone={zone} />
        </li>
      ))}
    </ul>
  );
}

function HistoryEntry({ entry, zone }: { entry: Entry; zone: string }) {
  const [broken, setBroken] = useState(false);
  const when = formatDateTime(new Date(entry.startsAt), zone);
  const session = `/sessions/${encodeURIComponent(entry.sessionId)}`;
  // Both rounds may have used one prompt: named once.
  const prompts = [...new Set(entry.promptTitles)].join(' · ') || 'No prompt recorded';
  return (
    <article className="history-entry">
      <Link to={`${session}/replay`} className="history-entry__thumb" tabIndex={-1} aria-hidden="true">
        {broken ? (
          <span className="history-entry__placeholder">No whiteboard</span>
        ) : (
          <img src={entry.thumbnailUrl} alt="" loading="lazy" onError={() => setBroken(true)} />
        )}
      </Link>
      <div className="history-entry__body">
        <p className="history-entry__when">
          {when}
          <StatusPill status={entry.status} />
        </p>
        <h3 className="history-entry__title">
          <Link to={session}>{prompts}</Link>
        </h3>
        <p className="history-entry__score">
          {entry.weightedScore === null ? (
            <span className="muted">Not scored yet</span>
          ) : (
            <>
              Weighted score <strong>{formatScore(entry.weightedScore)}</strong> of 4
            </>
          )}
        </p>
        <p className="history-entry__links">
          <Link to={`${session}/replay`} aria-label={`Replay of ${when}`}>
            Replay
          </Link>
          <Link to={session} aria-label={`Scorecards and notes of ${when}`}>
            Scorecards and notes
          </Link>
        </p>
      </div>
    </article>
  );
}

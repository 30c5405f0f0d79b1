import type { ReplayTimeline } from '@mockboard/scene';
import { hintLabel } from '@mockboard/collab';
import { formatDuration } from '../phase-clock';
import '../../styles/hints.css';

interface ReplayHintsProps {
  hints: ReplayTimeline['hints'];
  /** The play head: a hint shows its text once the replay has passed the moment it was revealed. */
  position: number;
  /** Absent when there is nothing to play (no drawing): the times are then shown, not offered as jumps. */
  onSeek?: (offset: number) => void;
}

/** The hints the interviewer revealed, beside the replay, each a jump to the moment it was revealed. */
export function ReplayHints({ hints, position, onSeek }: ReplayHintsProps) {
  if (hints.length === 0) return null;
  return (
    <section className="replay-hints" aria-labelledby="replay-hints-title">
      <h2 id="replay-hints-title" className="replay-chat__title">
        Hints revealed
      </h2>
      <ol className="revealed-hints__list">
        {hints.map(({ offset, hint }) => {
          const passed = offset <= position;
          return (
            <li
              key={`${hint.round}-${hint.phase}-${hint.stage}`}
              className={`hint-card${passed ? '' : ' hint-card--later'}`}
            >
              <p className="hint-card__label">
                {onSeek ? (
                  <button type="button" className="replay-chapters__jump" onClick={() => onSeek(offset)}>
                    <span className="replay-chapters__time">{formatDuration(offset)}</span>
                  </button>
                ) : (
                  <span className="replay-chapters__time">{formatDuration(offset)}</span>
                )}{' '}
                Round {hint.round} · {hintLabel(hint)}
              </p>
              {passed ? (
                <p className="hint-card__text">{hint.text}</p>
              ) : (
                <p className="hint-card__text hint-card__text--later">
                  Revealed later: play on, or jump to it.
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

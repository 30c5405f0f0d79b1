import { useId } from 'react';
import { INTERVIEW_PHASE_TITLES } from '@mockboard/contracts';
import type { ReplayMarker } from '@mockboard/scene';
import { markerLabelSides } from './marker-labels';
import { formatDuration } from './phase-clock';
import { REPLAY_SPEEDS, type ReplaySpeed } from './useReplayPlayback';

interface ReplayControlsProps {
  duration: number;
  position: number;
  playing: boolean;
  speed: ReplaySpeed;
  markers: readonly ReplayMarker[];
  /** When each chat message was sent: a small tick each on the scrubber. */
  chatOffsets?: readonly number[];
  /** When each hint was revealed: a dot each on the scrubber. */
  hintOffsets?: readonly number[];
  onSeek: (position: number) => void;
  onTogglePlaying: () => void;
  onSpeed: (speed: ReplaySpeed) => void;
}

export function markerTitle(marker: ReplayMarker): string {
  const phase = INTERVIEW_PHASE_TITLES[marker.phase];
  return marker.kind === 'round' ? `Round ${marker.round ?? 2}: ${phase}` : phase;
}

/**
 * Play/pause, the scrubber (with a tick where each phase or round began, a small one for each
 * chat message and a dot for each hint revealed), the speed, and the same
 * phase changes as a list of buttons, so every point of interest is one Tab and Enter away.
 */
export function ReplayControls(props: ReplayControlsProps) {
  const {
    duration,
    position,
    playing,
    speed,
    markers,
    chatOffsets = [],
    hintOffsets = [],
    onSeek,
    onTogglePlaying,
    onSpeed,
  } = props;
  const id = useId();
  const span = Math.max(duration, 1);
  const labelSides = markerLabelSides(
    markers.map((marker) => marker.offset),
    span,
  );
  const timeText = `${formatDuration(position)} of ${formatDuration(duration)}`;

  return (
    <div className="replay-controls">
      <div className="replay-controls__row">
        <button
          type="button"
          className="button button--small replay-controls__play"
          onClick={onTogglePlaying}
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <div className="replay-scrubber">
          <label htmlFor={id} className="visually-hidden">
            Replay position
          </label>
          <input
            id={id}
            type="range"
            className="replay-scrubber__input"
            min={0}
            max={span}
            // "any": the play head is never rounded to a step; arrow keys then move by 1% of the range.
            step="any"
            value={Math.min(position, span)}
            aria-valuetext={timeText}
            onChange={(event) => onSeek(Number(event.target.value))}
            // Space plays and pauses from the scrubber too, as in a video player: a range has no
            // use of its own for it, and the keyboard stays where the arrows seek.
            onKeyDown={(event) => {
              // Not held down (it would toggle on every repeat), nor with a modifier: those are the
              // browser's or the system's.
              const modified = event.shiftKey || event.ctrlKey || event.altKey || event.metaKey;
              if (event.key !== ' ' || event.repeat || modified) return;
              event.preventDefault();
              onTogglePlaying();
            }}
          />
          <div className="replay-scrubber__markers" aria-hidden="true">
            {markers.map((marker, index) => (
              <span
                key={`${marker.kind}-${marker.offset}-${marker.phase}`}
                className={`replay-scrubber__marker replay-scrubber__marker--${marker.kind}${
                  labelSides[index] === 'left' ? ' replay-scrubber__marker--late' : ''
                }`}
                style={{ left: `${(marker.offset / span) * 100}%` }}
                title={markerTitle(marker)}
              >
                {labelSides[index] !== 'none' && (
                  <span className="replay-scrubber__marker-label">{markerTitle(marker)}</span>
                )}
              </span>
            ))}
            {chatOffsets.map((offset, index) => (
              <span
                key={`chat-${index}`}
                className="replay-scrubber__marker replay-scrubber__marker--chat"
                style={{ left: `${(offset / span) * 100}%` }}
              />
            ))}
            {hintOffsets.map((offset, index) => (
              <span
                key={`hint-${index}`}
                className="replay-scrubber__marker replay-scrubber__marker--hint"
                style={{ left: `${(offset / span) * 100}%` }}
              />
            ))}
          </div>
        </div>
        <span className="replay-controls__time" aria-hidden="true">
          {formatDuration(position)} / {formatDuration(duration)}
        </span>
      </div>

      <div className="replay-controls__row replay-controls__row--secondary">
        <div className="replay-speed" role="group" aria-label="Speed">
          {REPLAY_SPEEDS.map((option) => (
            <button
              key={option}
              type="button"
              className="replay-speed__option"
              aria-pressed={speed === option}
              onClick={() => onSpeed(option)}
            >
              {option}×
            </button>
          ))}
        </div>
        {markers.length > 0 && (
          <ol className="replay-chapters" aria-label="Phase changes">
            {markers.map((marker) => (
              <li key={`${marker.kind}-${marker.offset}-${marker.phase}`}>
                <button type="button" className="replay-chapters__jump" onClick={() => onSeek(marker.offset)}>
                  <span className="replay-chapters__time">{formatDuration(marker.offset)}</span>{' '}
                  {markerTitle(marker)}
                </button>
              </li>
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}

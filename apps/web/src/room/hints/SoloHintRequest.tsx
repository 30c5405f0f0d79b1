import { INTERVIEW_PHASE_TITLES, type InterviewPhase } from '@mockboard/contracts';
import { HINT_STAGE_NAMES, revealKey, revealedStage } from '@mockboard/collab';
import type { RoomHints } from './useRoomHints';
import '../../styles/hints.css';

interface SoloHintRequestProps {
  phase: InterviewPhase;
  round: number;
  hints: RoomHints;
  disabled: boolean;
}

/**
 * Solo practice has nobody to give a hint: the practitioner asks for the current phase's next one
 * themselves (the server keeps the same order and the scorecard counts it the same way). How many
 * a phase has is the guide's secret, so the last one is known when the server says there is no more.
 */
export function SoloHintRequest({ phase, round, hints, disabled }: SoloHintRequestProps) {
  const next = Math.min(revealedStage(hints.reveals, round, phase) + 1, 3) as 1 | 2 | 3;
  const waiting = hints.revealing.has(revealKey({ round, phase, stage: next }));
  const exhausted =
    revealedStage(hints.reveals, round, phase) >= 3 || hints.exhausted.has(`${round}:${phase}`);
  const title = INTERVIEW_PHASE_TITLES[phase];
  return (
    <div className="solo-hint">
      {exhausted ? (
        <p className="solo-hint__note">
          {next === 1
            ? `This prompt has no hints for ${title}.`
            : `No more hints for ${title}: you had the last one.`}
        </p>
      ) : (
        <>
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={disabled || waiting}
            onClick={() => hints.reveal(phase, next)}
          >
            {waiting ? 'Showing…' : `Stuck? Show hint ${next} for ${title} (${HINT_STAGE_NAMES[next]})`}
          </button>
          <p className="solo-hint__note">
            Hints go gentle to explicit; your self-assessment notes each one you used.
          </p>
          {hints.problem && (
            <p className="hint-guide__problem" role="alert">
              {hints.problem}
            </p>
          )}
        </>
      )}
    </div>
  );
}

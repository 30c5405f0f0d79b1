import { useId, useState } from 'react';
import {
  INTERVIEW_PHASE_TITLES,
  type HintReveal,
  type HintStage,
  type InterviewPhase,
  type PhaseHints,
} from '@mockboard/contracts';
import { HINT_STAGE_NAMES, currentPhaseFirst, nextStage, revealKey } from '@mockboard/collab';
import type { RoomHints } from './useRoomHints';
import { formatTimeOnThisScreen } from '../../time/format';
import '../../styles/hints.css';

interface HintGuideProps {
  phases: readonly PhaseHints[];
  /** The phase the clock is in (the server's): its hints come first, open. */
  currentPhase: InterviewPhase;
  round: number;
  hints: RoomHints;
  /** Offline, or the interview has ended: hints can be read but not revealed. */
  disabled: boolean;
}

/**
 * The interviewer's staged hints, phase by phase: each can be read privately, then revealed to
 * the candidate in order (a nudge before a pointer before the answer).
 */
export function HintGuide({ phases, currentPhase, round, hints, disabled }: HintGuideProps) {
  const id = useId();
  const ordered = currentPhaseFirst(phases, currentPhase);
  return (
    <section className="hint-guide" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="room-panel__heading">
        Hints for a stuck candidate
      </h2>
      <p className="hint-guide__lead">
        Read them privately first. A revealed hint shows up in the candidate’s panel, and the scorecard notes
        it: the more explicit, the lower the score can go on that phase.
      </p>
      {hints.problem && (
        <p className="hint-guide__problem" role="alert">
          {hints.problem}{' '}
          <button type="button" className="button button--ghost button--small" onClick={hints.dismissProblem}>
            Dismiss
          </button>
        </p>
      )}
      {ordered.map((phase) => (
        <PhaseHintList
          key={`${round}-${phase.phase}`}
          phase={phase}
          current={phase.phase === currentPhase}
          round={round}
          hints={hints}
          disabled={disabled}
        />
      ))}
    </section>
  );
}

interface PhaseHintListProps {
  phase: PhaseHints;
  current: boolean;
  round: number;
  hints: RoomHints;
  disabled: boolean;
}

/** One phase's hints in a disclosure: open for the current phase, closed for the others until asked. */
function PhaseHintList({ phase, current, round, hints, disabled }: PhaseHintListProps) {
  const [open, setOpen] = useState(current);
  // The clock moving on to this phase opens it (a stuck candidate is stuck here now); folding it stays the user's.
  const [wasCurrent, setWasCurrent] = useState(current);
  if (current !== wasCurrent) {
    setWasCurrent(current);
    if (current) setOpen(true);
  }
  const mine = hints.reveals.filter((reveal) => reveal.round === round && reveal.phase === phase.phase);
  const next = nextStage(hints.reveals, round, phase.phase, phase.hints.length);
  const title = INTERVIEW_PHASE_TITLES[phase.phase];
  return (
    <details
      className={`hint-phase${current ? ' hint-phase--current' : ''}`}
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary className="hint-phase__summary">
        <span className="hint-phase__title">{title}</span>
        {current && <span className="hint-phase__now">Current phase</span>}
        <span className="hint-phase__count">
          {mine.length} of {phase.hints.length} revealed
        </span>
      </summary>
      <ol className="hint-phase__list">
        {phase.hints.map((text, index) => {
          const stage = (index + 1) as HintStage;
          const revealed = mine.find((reveal) => reveal.stage === stage);
          return (
            <HintItem
              key={stage}
              phase={phase.phase}
              stage={stage}
              text={text}
              revealed={revealed}
              isNext={next === stage}
              waiting={hints.revealing.has(revealKey({ round, phase: phase.phase, stage }))}
              disabled={disabled}
              onReveal={() => hints.reveal(phase.phase, stage)}
            />
          );
        })}
      </ol>
    </details>
  );
}

interface HintItemProps {
  phase: InterviewPhase;
  stage: HintStage;
  text: string;
  revealed: HintReveal | undefined;
  /** The next one in order: the only stage with a Reveal button. */
  isNext: boolean;
  waiting: boolean;
  disabled: boolean;
  onReveal: () => void;
}

function HintItem({ phase, stage, text, revealed, isNext, waiting, disabled, onReveal }: HintItemProps) {
  const textId = useId();
  const [previewing, setPreviewing] = useState(false);
  const name = HINT_STAGE_NAMES[stage];
  const shown = revealed !== undefined || previewing;
  return (
    <li className={`hint-item${revealed ? ' hint-item--revealed' : ''}`}>
      <div className="hint-item__header">
        <span className="hint-item__stage">
          Hint {stage} <span className="hint-item__name">· {name}</span>
        </span>
        {revealed ? (
          <span className="hint-item__state">
            <span aria-hidden="true">✓ </span>Revealed at {formatTimeOnThisScreen(revealed.revealedAt)}
          </span>
        ) : (
          <button
            type="button"
            className="button button--ghost button--small"
            aria-expanded={previewing}
            aria-controls={textId}
            onClick={() => setPreviewing((on) => !on)}
          >
            {previewing ? 'Hide' : 'Read privately'}
          </button>
        )}
      </div>
      <p id={textId} className="hint-item__text" hidden={!shown}>
        {text}
      </p>
      {!revealed &&
        (isNext ? (
          <button
            type="button"
            className="button button--secondary button--small hint-item__reveal"
            disabled={disabled || waiting}
            aria-describedby={shown ? textId : undefined}
            onClick={onReveal}
          >
            {waiting ? 'Revealing…' : `Reveal hint ${stage} (${name})`}
          </button>
        ) : (
          <p className="hint-item__locked">
            Reveal hint {stage - 1} of {INTERVIEW_PHASE_TITLES[phase]} first.
          </p>
        ))}
    </li>
  );
}

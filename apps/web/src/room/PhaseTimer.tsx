import { INTERVIEW_PHASE_TITLES, type SessionState, type TimePlanEntry } from '@mockboard/contracts';
import { useNow } from '../hooks/useNow';
import { formatDuration, phaseClock } from './phase-clock';
import { busyButtonProps } from '../components/busy-button';

interface PhaseTimerProps {
  plan: readonly TimePlanEntry[];
  state: SessionState;
  clockOffsetMs: number;
  /** The interview is over: the clock stops and reads "Ended"; no phase can be moved to. */
  ended: boolean;
  /** Present for whoever may move the interview on (the interviewer, or the solo candidate). */
  onNextPhase?: (phase: SessionState['phase']) => void;
  busy: boolean;
}

/**
 * The interview's clock: the prompt's phases as a bar (the current one highlighted) and the time
 * left in the current phase, the same on both screens since it is computed from the server's facts.
 */
export function PhaseTimer({ plan, state, clockOffsetMs, ended, onNextPhase, busy }: PhaseTimerProps) {
  const now = useNow(1000);
  const clock = phaseClock(plan, state.phase, state.phaseStartedAt, now.getTime(), clockOffsetMs);
  const over = !ended && clock.remainingMs !== null && clock.remainingMs < 0;
  const title = INTERVIEW_PHASE_TITLES[state.phase];
  // The phase's start is all the state says about time: once ended, counting on from it would
  // measure nothing, so the clock stops.
  const timeText = ended
    ? 'Ended'
    : clock.remainingMs === null
      ? `${formatDuration(clock.elapsedMs)} in`
      : over
        ? `${formatDuration(clock.remainingMs)} over`
        : `${formatDuration(clock.remainingMs)} left`;

  return (
    <section className="phase-timer" aria-label="Interview clock">
      {/* Without a prompt there is no plan: the clock then only counts up. */}
      <ol className="phase-timer__track" hidden={plan.length === 0}>
        {plan.map((entry, index) => {
          const when = index < clock.index ? 'done' : index === clock.index ? 'current' : 'next';
          return (
            <li
              key={entry.phase}
              className={`phase-timer__segment phase-timer__segment--${when}`}
              style={{ flexGrow: entry.minutes }}
              aria-current={when === 'current' ? 'step' : undefined}
            >
              <span className="phase-timer__name">{INTERVIEW_PHASE_TITLES[entry.phase]}</span>
              <span className="phase-timer__minutes">{entry.minutes} min</span>
            </li>
          );
        })}
      </ol>
      <div className="phase-timer__now">
        <p className="phase-timer__status">
          <span className="phase-timer__label">
            Round {state.round} · {title}
          </span>{' '}
          <span
            className={`phase-timer__time${over ? ' phase-timer__time--over' : ''}`}
            // Read out once a minute at most: the seconds would flood a screen reader.
            aria-hidden="true"
          >
            {timeText}
          </span>
          <span className="visually-hidden">
            {ended
              ? 'The interview has ended'
              : clock.remainingMs === null
                ? ''
                : `${Math.ceil(Math.abs(clock.remainingMs) / 60_000)} minutes ${over ? 'over' : 'left'}`}
          </span>
        </p>
        {onNextPhase && !ended && clock.next && (
          // Busy, not disabled: the interviewer pressing Next phase after phase keeps the focus on it.
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => onNextPhase(clock.next!)}
            {...busyButtonProps(busy)}
          >
            Next: {INTERVIEW_PHASE_TITLES[clock.next]} →
          </button>
        )}
      </div>
    </section>
  );
}

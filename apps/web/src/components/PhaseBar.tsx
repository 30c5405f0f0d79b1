import { INTERVIEW_PHASE_TITLES, type TimePlanEntry } from '@mockboard/contracts';

/**
 * The interview's time plan: a bar whose segments are proportional to each phase's minutes, with
 * an ordered legend underneath that carries the same information as text (the bar is decorative).
 */
export function PhaseBar({ plan }: { plan: readonly TimePlanEntry[] }) {
  const total = plan.reduce((sum, entry) => sum + entry.minutes, 0);
  return (
    <figure className="phase-bar">
      <div className="phase-bar__track" aria-hidden="true">
        {plan.map((entry, index) => (
          <span
            key={entry.phase}
            className={`phase-bar__segment phase-bar__segment--${index % 6}`}
            style={{ flexGrow: entry.minutes }}
            title={`${INTERVIEW_PHASE_TITLES[entry.phase]}: ${entry.minutes} min`}
          >
            <span className="phase-bar__minutes">{entry.minutes}m</span>
          </span>
        ))}
      </div>
      <figcaption className="visually-hidden">Time plan, {total} minutes in all</figcaption>
      <ol className="phase-legend">
        {plan.map((entry, index) => (
          <li key={entry.phase} className="phase-legend__item">
            <span className={`phase-legend__swatch phase-bar__segment--${index % 6}`} aria-hidden="true" />
            <span className="phase-legend__title">{INTERVIEW_PHASE_TITLES[entry.phase]}</span>
            <span className="phase-legend__minutes">{entry.minutes} min</span>
          </li>
        ))}
      </ol>
    </figure>
  );
}

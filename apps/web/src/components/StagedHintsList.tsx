import { INTERVIEW_PHASE_TITLES, type PhaseHints } from '@mockboard/contracts';
import { HINT_STAGE_NAMES } from '@mockboard/collab';

/**
 * A prompt's staged hints, read-only, for preparing an interview: in the room the interviewer
 * reveals them one at a time (see room/hints/HintGuide).
 */
export function StagedHintsList({ hints }: { hints: readonly PhaseHints[] }) {
  return (
    <section className="guide-section" aria-labelledby="guide-staged-hints">
      <h3 id="guide-staged-hints" className="guide-section__title">
        Staged hints
      </h3>
      <p>
        For a stuck candidate, gentle first. In the room you reveal them one at a time, in this order; the
        candidate sees each one, and the scorecard notes it.
      </p>
      {hints.map((phase) => (
        <div key={phase.phase} className="staged-hints__phase">
          <h4>{INTERVIEW_PHASE_TITLES[phase.phase]}</h4>
          <ol>
            {phase.hints.map((text, index) => (
              <li key={index}>
                <strong>{capitalised(HINT_STAGE_NAMES[(index + 1) as 1 | 2 | 3])}:</strong> {text}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </section>
  );
}

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

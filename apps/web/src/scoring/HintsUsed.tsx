import { INTERVIEW_PHASE_TITLES, type Rubric, type RoundHints } from '@mockboard/contracts';
import { hintCapText } from '../components/hint-cap-text';
import '../styles/hints.css';

interface HintsUsedProps {
  hints: RoundHints;
  rubric: Pick<Rubric, 'levels' | 'dimensions'>;
  /** Whose hints they were, in the reader's words: "you" for the candidate, a name for the interviewer. */
  candidateName: string;
}

/**
 * The hints revealed in the round and what the rubric says each weighs. Advice for the scorer:
 * the level chosen is still theirs (the form warns, never refuses).
 */
export function HintsUsed({ hints, rubric, candidateName }: HintsUsedProps) {
  const dimensionTitle = (id: string) => rubric.dimensions.find((d) => d.id === id)?.title ?? id;
  return (
    <section className="scorecard-aside hints-used" aria-labelledby="hints-used-title">
      <h2 id="hints-used-title" className="scorecard-aside__heading">
        Hints used in this round
      </h2>
      {hints.used.length === 0 ? (
        <p className="hints-used__lead">No hints were revealed: {candidateName} worked without them.</p>
      ) : (
        <>
          <p className="hints-used__lead">
            {hints.used.length === 1 ? 'One hint was' : `${hints.used.length} hints were`} revealed to{' '}
            {candidateName}. The rubric lowers the highest level a dimension can reach after an explicit hint;
            the level is still the scorer’s choice.
          </p>
          <ol className="hints-used__list">
            {hints.used.map((hint) => (
              <li key={`${hint.phase}-${hint.stage}`} className="hints-used__item">
                <p className="hints-used__label">
                  {INTERVIEW_PHASE_TITLES[hint.phase]} · {hint.stageLabel} (hint {hint.stage})
                </p>
                <p>{hint.text}</p>
                <p className="hints-used__effect">
                  <span className="hints-used__cap">
                    {dimensionTitle(hint.dimensionId)} · {hintCapText(hint.maxLevel, rubric.levels)}
                  </span>
                  <span className="visually-hidden">.</span> {hint.effect}
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

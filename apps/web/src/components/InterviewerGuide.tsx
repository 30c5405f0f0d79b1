import type { ReactNode } from 'react';
import type { PromptDetail } from '@mockboard/contracts';
import { Markdown } from './Markdown';
import { RubricSignalsTable } from './RubricSignalsTable';
import { StagedHintsList } from './StagedHintsList';

type Guide = NonNullable<PromptDetail['guide']>;

interface InterviewerGuideProps {
  guide: Guide;
  /** The prompt's reference design (a ReferenceDesignSection), where the page can load it. */
  referenceDesign?: ReactNode;
  /** Whether to list the staged hints; the room leaves them out (it has its own list to reveal from). */
  listHints?: boolean;
}

/** The interviewer's half of a prompt, set apart so it is never mistaken for candidate material. */
export function InterviewerGuide({ guide, referenceDesign, listHints = true }: InterviewerGuideProps) {
  const hints = listHints ? guide.hints : [];
  return (
    <section className="interviewer-guide" aria-labelledby="interviewer-guide-title">
      <header className="interviewer-guide__header">
        <span className="interviewer-badge">
          <span className="interviewer-badge__icon" aria-hidden="true" />
          Interviewer only
        </span>
        <h2 id="interviewer-guide-title">Interviewer’s guide</h2>
        <p className="interviewer-guide__note">
          Reference answers and what to listen for. Do not share this with the candidate.
        </p>
      </header>

      {guide.sections.length > 0 && (
        <nav className="guide-toc" aria-label="Guide sections">
          <ul>
            {guide.sections.map((section) => (
              <li key={section.id}>
                <a href={`#guide-${section.id}`}>{section.title}</a>
              </li>
            ))}
            {guide.signals.length > 0 && (
              <li>
                <a href="#guide-rubric-signals">Rubric signals</a>
              </li>
            )}
            {hints.length > 0 && (
              <li>
                <a href="#guide-staged-hints">Staged hints</a>
              </li>
            )}
          </ul>
        </nav>
      )}

      {referenceDesign}

      {guide.sections.map((section) => (
        <section key={section.id} className="guide-section" aria-labelledby={`guide-${section.id}`}>
          <h3 id={`guide-${section.id}`} className="guide-section__title">
            {section.title}
          </h3>
          <Markdown sectionLevel={3}>{section.markdown}</Markdown>
        </section>
      ))}

      {guide.signals.length > 0 && (
        <section className="guide-section" aria-labelledby="guide-rubric-signals">
          <h3 id="guide-rubric-signals" className="guide-section__title">
            Rubric signals
          </h3>
          <RubricSignalsTable signals={guide.signals} />
        </section>
      )}

      {hints.length > 0 && <StagedHintsList hints={hints} />}
    </section>
  );
}

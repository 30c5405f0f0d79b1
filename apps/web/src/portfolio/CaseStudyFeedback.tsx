import type { CaseStudyFeedback as Feedback } from '@mockboard/contracts';
import { formatScore } from '../scoring/scorecard-draft';

/** The feedback a case study's owner received in one round, read-only and without names. */
export function CaseStudyFeedback({ feedback }: { feedback: Feedback }) {
  return (
    <div className="panel scorecard-view">
      <header className="scorecard-view__header">
        <h3>Interviewer feedback</h3>
        <p className="score-badge">
          <span className="score-badge__value">{formatScore(feedback.weightedScore)}</span>
          <span className="score-badge__label">weighted score (of 4)</span>
        </p>
      </header>
      <ul className="scored-dimensions">
        {feedback.dimensions.map((dimension) => (
          <li key={dimension.dimensionId} className="scored-dimension">
            <p className="scored-dimension__head">
              <span className="scored-dimension__title">{dimension.title}</span>
              {dimension.level ? (
                <span className={`level-tag level-tag--${dimension.level}`}>
                  {dimension.level} {dimension.levelLabel}
                </span>
              ) : (
                <span className="muted">Not scored</span>
              )}
            </p>
            {dimension.evidence && <p className="scored-dimension__evidence">{dimension.evidence}</p>}
          </li>
        ))}
      </ul>
      {feedback.strengths && (
        <>
          <h4 className="scorecard-view__subtitle">Strengths</h4>
          <p className="scorecard-view__text">{feedback.strengths}</p>
        </>
      )}
      {feedback.improvements && (
        <>
          <h4 className="scorecard-view__subtitle">Things to improve</h4>
          <p className="scorecard-view__text">{feedback.improvements}</p>
        </>
      )}
    </div>
  );
}

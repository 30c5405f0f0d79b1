import type { Rubric, Scorecard } from '@mockboard/contracts';
import { useId } from 'react';
import { scoreLevelLabel, TARGET_LEVEL_LABELS } from '../components/labels';
import { formatDateTime, timeZoneSuffix } from '../time/format';
import { formatScore } from './scorecard-draft';

interface ScorecardViewProps {
  scorecard: Scorecard;
  rubric: Rubric;
  title: string;
  zone: string;
  /** 3 when the view sits inside a section that has its own h2. */
  headingLevel?: 2 | 3;
}

/** A submitted scorecard, read-only, with the server's weighted score. */
export function ScorecardView({ scorecard, rubric, title, zone, headingLevel = 2 }: ScorecardViewProps) {
  const id = useId();
  const Title = headingLevel === 2 ? 'h2' : 'h3';
  const Subtitle = headingLevel === 2 ? 'h3' : 'h4';
  const levels = new Map(scorecard.dimensions.map((dimension) => [dimension.dimensionId, dimension]));
  const recommendation = rubric.recommendations.find((entry) => entry.id === scorecard.recommendation);

  return (
    <section className="panel scorecard-view" aria-labelledby={`${id}-title`}>
      <header className="scorecard-view__header">
        <div>
          <Title id={`${id}-title`}>{title}</Title>
          {scorecard.submittedAt && (
            <p className="muted">
              Submitted {formatDateTime(new Date(scorecard.submittedAt), zone)}
              {timeZoneSuffix(zone)}
            </p>
          )}
        </div>
        <p className="score-badge">
          <span className="score-badge__value">{formatScore(scorecard.weightedScore)}</span>
          <span className="score-badge__label">weighted score (of 4)</span>
        </p>
      </header>

      {(scorecard.recommendation || scorecard.performedAtLevel) && (
        <dl className="scorecard-view__facts">
          {scorecard.recommendation && (
            <div>
              <dt>Recommendation</dt>
              <dd>{recommendation?.label ?? scorecard.recommendation}</dd>
            </div>
          )}
          {scorecard.performedAtLevel && (
            <div>
              <dt>Performed at</dt>
              <dd>{TARGET_LEVEL_LABELS[scorecard.performedAtLevel]}</dd>
            </div>
          )}
        </dl>
      )}

      <ul className="scored-dimensions">
        {rubric.dimensions.map((dimension) => {
          const scored = levels.get(dimension.id);
          return (
            <li key={dimension.id} className="scored-dimension">
              <p className="scored-dimension__head">
                <span className="scored-dimension__title">{dimension.title}</span>
                {scored?.level ? (
                  <span className={`level-tag level-tag--${scored.level}`}>
                    {scored.level} {scoreLevelLabel(rubric.levels, scored.level)}
                  </span>
                ) : (
                  <span className="muted">Not scored</span>
                )}
              </p>
              {scored?.evidence && <p className="scored-dimension__evidence">{scored.evidence}</p>}
            </li>
          );
        })}
      </ul>

      {scorecard.strengths && (
        <>
          <Subtitle className="scorecard-view__subtitle">Strengths</Subtitle>
          <p className="scorecard-view__text">{scorecard.strengths}</p>
        </>
      )}
      {scorecard.improvements && (
        <>
          <Subtitle className="scorecard-view__subtitle">Things to improve</Subtitle>
          <p className="scorecard-view__text">{scorecard.improvements}</p>
        </>
      )}
    </section>
  );
}

import type { Rubric } from '@mockboard/contracts';

/** The overall verdict a scorer gives, from the lowest to the highest, as an ordered scale. */
export function RecommendationScale({ recommendations }: { recommendations: Rubric['recommendations'] }) {
  return (
    <section className="recommendations" aria-labelledby="recommendation-scale">
      <h2 id="recommendation-scale">Recommendation scale</h2>
      <p className="section-lead">
        After scoring each dimension, the interviewer gives one overall recommendation for the target level.
      </p>
      <ol className="recommendation-list">
        {recommendations.map((recommendation, index) => (
          <li key={recommendation.id} className="recommendation">
            <span className="recommendation__step" aria-hidden="true">
              {index + 1}
            </span>
            <div>
              <p className="recommendation__label">{recommendation.label}</p>
              <p className="recommendation__text">{recommendation.description}</p>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

import {
  SCORE_LEVELS,
  TARGET_LEVELS,
  type Rubric,
  type RubricDimension,
  type TargetLevel,
} from '@mockboard/contracts';
import { scoreLevelLabel, TARGET_LEVEL_LABELS } from './labels';

interface RubricDimensionSectionProps {
  dimension: RubricDimension;
  levels: Rubric['levels'];
  /** The signed-in user's target level, highlighted in the expectations table. */
  highlight?: TargetLevel;
}

export function RubricDimensionSection({ dimension, levels, highlight }: RubricDimensionSectionProps) {
  const titleId = `dimension-${dimension.id}`;

  return (
    <section className="dimension" aria-labelledby={titleId}>
      <header className="dimension__header">
        <h2 id={titleId} className="dimension__title">
          {dimension.title}
        </h2>
        <span className="weight-chip">
          <span className="visually-hidden">Weight: </span>
          {dimension.weight}%
        </span>
      </header>
      <p className="dimension__description">{dimension.description}</p>

      <h3 className="dimension__subtitle">What each level looks like</h3>
      <ol className="anchor-grid">
        {SCORE_LEVELS.map((value) => (
          <li key={value} className={`anchor anchor--${value}`}>
            <p className="anchor__level">
              <span className="anchor__number">{value}</span> {scoreLevelLabel(levels, value)}
            </p>
            <p className="anchor__text">{dimension.anchors[value]}</p>
          </li>
        ))}
      </ol>

      <h3 className="dimension__subtitle">Expected by target level</h3>
      <table className="expectations-table">
        <thead>
          <tr>
            <th scope="col">Target level</th>
            <th scope="col">Expected</th>
            <th scope="col">What that means</th>
          </tr>
        </thead>
        <tbody>
          {TARGET_LEVELS.map((target) => {
            const expectation = dimension.expectations[target];
            const mine = target === highlight;
            return (
              <tr key={target} className={mine ? 'is-mine' : undefined}>
                <th scope="row">
                  {TARGET_LEVEL_LABELS[target]}
                  {mine && <span className="mine-tag">Your target</span>}
                </th>
                <td data-label="Expected">
                  <span className="level-pill">{expectation.level}</span>{' '}
                  {scoreLevelLabel(levels, expectation.level)}
                </td>
                <td data-label="What that means">{expectation.note}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

import type { Rubric } from '@mockboard/contracts';
import { hintCapText } from './hint-cap-text';

/** The dimensions and their weights at a glance, each linking to its section below. */
export function RubricOverview({ rubric }: { rubric: Rubric }) {
  const heaviest = Math.max(...rubric.dimensions.map((dimension) => dimension.weight));
  return (
    <nav className="rubric-overview" aria-label="Dimensions">
      <h2 className="rubric-overview__title">Dimensions and weights</h2>
      <ul className="weight-list">
        {rubric.dimensions.map((dimension) => (
          <li key={dimension.id} className="weight-list__item">
            <a href={`#dimension-${dimension.id}`} className="weight-list__link">
              {dimension.title}
            </a>
            <span className="weight-list__bar" aria-hidden="true">
              <span
                className="weight-list__fill"
                style={{ width: `${(dimension.weight / heaviest) * 100}%` }}
              />
            </span>
            <span className="weight-list__value">{dimension.weight}%</span>
          </li>
        ))}
      </ul>
      <h2 className="rubric-overview__title">Levels</h2>
      <ol className="level-legend">
        {rubric.levels.map((level) => (
          <li key={level.value}>
            <span className="level-pill">{level.value}</span> {level.label}
          </li>
        ))}
      </ol>
      <h2 className="rubric-overview__title">
        <a href="#hint-weighting" className="rubric-overview__link">
          Hints
        </a>
      </h2>
      <ol className="level-legend" aria-label="Hint stages">
        {rubric.hints.stages.map((stage) => (
          <li key={stage.stage}>
            <span className="level-pill level-pill--muted">{stage.stage}</span> {stage.label}:{' '}
            <span className="level-legend__detail">
              {lowerFirst(hintCapText(stage.maxLevel, rubric.levels))}
            </span>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** "At most Solid (3)" → "at most Solid (3)": the level's name keeps its capital. */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

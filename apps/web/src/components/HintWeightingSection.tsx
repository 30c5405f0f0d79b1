import type { Rubric } from '@mockboard/contracts';
import { hintCapText } from './hint-cap-text';

/** How much a revealed hint weighs: the three stages, gentle to explicit, and the cap each sets. */
export function HintWeightingSection({ rubric }: { rubric: Pick<Rubric, 'hints' | 'levels'> }) {
  return (
    <section className="hint-weighting" aria-labelledby="hint-weighting">
      <h2 id="hint-weighting">Hints and the score</h2>
      <p className="section-lead">{rubric.hints.guidance}</p>
      <ol className="hint-stage-list">
        {rubric.hints.stages.map((stage) => (
          <li key={stage.stage} className="hint-stage">
            <span className="hint-stage__number" aria-hidden="true">
              {stage.stage}
            </span>
            <div>
              <p className="hint-stage__label">
                <span className="visually-hidden">Stage {stage.stage}: </span>
                {stage.label}
                <span className={`hint-stage__cap${stage.maxLevel === null ? ' hint-stage__cap--none' : ''}`}>
                  {hintCapText(stage.maxLevel, rubric.levels)}
                </span>
              </p>
              <p className="hint-stage__text">{stage.effect}</p>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

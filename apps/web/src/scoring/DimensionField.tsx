import {
  EVIDENCE_MAX_CHARS,
  SCORE_LEVELS,
  type HintCap,
  type Rubric,
  type RubricDimension,
  type RubricSignal,
  type ScoreLevel,
} from '@mockboard/contracts';
import { scoreLevelLabel } from '../components/labels';
import { InlineMarkdown } from '../components/Markdown';
import { signalLevelText } from '../components/signal-level';
import { TextAreaField } from '../components/TextAreaField';
import { ChoiceGroup } from './ChoiceGroup';
import { hintCapWarning } from './hint-cap-warning';

interface DimensionFieldProps {
  dimension: RubricDimension;
  levels: Rubric['levels'];
  level: ScoreLevel | null;
  evidence: string;
  /** The prompt's strong and weak answers on this dimension, when the API gives them to the caller. */
  signal?: RubricSignal;
  /** The cap the round's revealed hints put on this dimension (issue 17), if any. */
  hintCap?: HintCap;
  error?: string;
  onLevel: (level: ScoreLevel) => void;
  onEvidence: (evidence: string) => void;
}

/** One rubric dimension: the four anchored levels to choose from, the prompt's signals, the evidence. */
export function DimensionField({
  dimension,
  levels,
  level,
  evidence,
  signal,
  hintCap,
  error,
  onLevel,
  onEvidence,
}: DimensionFieldProps) {
  const capWarning = hintCapWarning(hintCap, level, levels);
  return (
    <div className="score-dimension" id={`score-${dimension.id}`}>
      <ChoiceGroup<ScoreLevel>
        variant="cards"
        name={`level-${dimension.id}`}
        legend={
          <span className="score-dimension__legend">
            <span className="score-dimension__title">{dimension.title}</span>
            <span className="weight-chip">
              <span className="visually-hidden">Weight: </span>
              {dimension.weight}%
            </span>
          </span>
        }
        hint={dimension.description}
        value={level}
        error={error}
        choices={SCORE_LEVELS.map((value) => ({
          value,
          marker: String(value),
          label: scoreLevelLabel(levels, value),
          description: dimension.anchors[value],
        }))}
        onChange={onLevel}
      />
      {hintCap && (
        <div className="hint-cap" role="note" aria-label={`Hints used on ${dimension.title}`}>
          <p className="hints-used__effect">Hints used: {hintCap.reasons.join('; ')}.</p>
          {capWarning && <p className="hint-cap-warning">{capWarning}</p>}
        </div>
      )}
      {signal && (
        <aside className="signal-box" aria-label={`Signals for ${dimension.title} on this prompt`}>
          <p>
            <strong className="signal-box__tag signal-box__tag--strong">
              {signalLevelText('Strong', signal.strongLevel, levels)}
            </strong>{' '}
            <InlineMarkdown>{signal.strong}</InlineMarkdown>
          </p>
          <p>
            <strong className="signal-box__tag">{signalLevelText('Weak', signal.weakLevel, levels)}</strong>{' '}
            <InlineMarkdown>{signal.weak}</InlineMarkdown>
          </p>
        </aside>
      )}
      <TextAreaField
        label="Evidence notes"
        aria-label={`Evidence notes: ${dimension.title}`}
        name={`evidence-${dimension.id}`}
        rows={2}
        maxLength={EVIDENCE_MAX_CHARS}
        value={evidence}
        onChange={(event) => onEvidence(event.target.value)}
      />
    </div>
  );
}

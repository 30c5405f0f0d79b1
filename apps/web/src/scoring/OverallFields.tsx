import { FEEDBACK_MAX_CHARS, TARGET_LEVELS, type Rubric, type TargetLevel } from '@mockboard/contracts';
import { TARGET_LEVEL_LABELS } from '../components/labels';
import { TextAreaField } from '../components/TextAreaField';
import { ChoiceGroup } from './ChoiceGroup';
import type { ScorecardDraft, ScorecardErrors } from './scorecard-draft';

type Overall = Omit<ScorecardDraft, 'dimensions'>;

interface OverallFieldsProps {
  value: Overall;
  recommendations: Rubric['recommendations'];
  errors: ScorecardErrors;
  /** Words the labels for the interviewer ("the candidate") or a self-assessment ("you"). */
  self: boolean;
  onChange: (change: Partial<Overall>) => void;
}

/** Strengths, things to improve, the overall recommendation and the level performed at. */
export function OverallFields({ value, recommendations, errors, self, onChange }: OverallFieldsProps) {
  return (
    <>
      <TextAreaField
        label="Strengths"
        name="strengths"
        hint={self ? 'What went well for you.' : 'What the candidate did well, with examples.'}
        rows={4}
        maxLength={FEEDBACK_MAX_CHARS}
        value={value.strengths}
        error={errors.strengths}
        onChange={(event) => onChange({ strengths: event.target.value })}
      />
      <TextAreaField
        label="Things to improve"
        name="improvements"
        hint={self ? 'What you would do differently next time.' : 'Concrete next steps for the candidate.'}
        rows={4}
        maxLength={FEEDBACK_MAX_CHARS}
        value={value.improvements}
        error={errors.improvements}
        onChange={(event) => onChange({ improvements: event.target.value })}
      />
      <ChoiceGroup<string>
        name="recommendation"
        legend="Overall recommendation"
        hint="For the target level, on the rubric’s scale."
        value={value.recommendation}
        error={errors.recommendation}
        choices={recommendations.map((recommendation) => ({
          value: recommendation.id,
          label: recommendation.label,
        }))}
        onChange={(recommendation) => onChange({ recommendation })}
      />
      <ChoiceGroup<TargetLevel>
        name="performedAtLevel"
        legend={self ? 'The level you performed at' : 'The level the candidate performed at'}
        value={value.performedAtLevel}
        error={errors.performedAtLevel}
        choices={TARGET_LEVELS.map((level) => ({ value: level, label: TARGET_LEVEL_LABELS[level] }))}
        onChange={(performedAtLevel) => onChange({ performedAtLevel })}
      />
    </>
  );
}

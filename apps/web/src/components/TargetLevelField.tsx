import { TARGET_LEVELS, type TargetLevel } from '@mockboard/contracts';
import { useId } from 'react';
import { TARGET_LEVEL_LABELS } from './labels';

const DESCRIPTIONS: Record<TargetLevel, string> = {
  junior: 'Early career; guided through the design.',
  mid: 'Owns features end to end.',
  senior: 'Leads designs and their trade-offs.',
  staff: 'Shapes systems across teams.',
};

interface TargetLevelFieldProps {
  /** null: not chosen yet, so no card is selected. */
  value: TargetLevel | null;
  onChange: (level: TargetLevel) => void;
  error?: string;
}

/** Radio cards: four options are few enough to show at once, and arrow keys move between them. */
export function TargetLevelField({ value, onChange, error }: TargetLevelFieldProps) {
  const id = useId();
  return (
    <fieldset
      className={`field fieldset${error ? ' field--invalid' : ''}`}
      aria-describedby={error ? `${id}-error` : `${id}-hint`}
    >
      <legend className="field__label">Target level</legend>
      <p className="field__hint" id={`${id}-hint`}>
        Your partners score you against the rubric’s expectations for this level.
        {value === null && ' Not chosen yet: partners see you as New until you pick one.'}
      </p>
      <div className="choice-grid">
        {TARGET_LEVELS.map((level) => (
          <label key={level} className="choice">
            <input
              type="radio"
              name="targetLevel"
              value={level}
              checked={value === level}
              onChange={() => onChange(level)}
            />
            <span className="choice__body">
              <span className="choice__title">{TARGET_LEVEL_LABELS[level]}</span>
              <span className="choice__text">{DESCRIPTIONS[level]}</span>
            </span>
          </label>
        ))}
      </div>
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

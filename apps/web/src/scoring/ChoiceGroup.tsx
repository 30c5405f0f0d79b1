import { useId, type ReactNode } from 'react';

export interface Choice<V extends string | number> {
  value: V;
  label: string;
  /** Read after the label (aria-describedby), e.g. a level's anchored description. */
  description?: string;
  /** A small marker before the label, part of its name: the level number ("3 Solid"). */
  marker?: string;
}

interface ChoiceGroupProps<V extends string | number> {
  legend: ReactNode;
  name: string;
  value: V | null;
  choices: readonly Choice<V>[];
  onChange: (value: V) => void;
  hint?: ReactNode;
  error?: string;
  /** `cards` stack with their descriptions; `chips` sit in a row. */
  variant?: 'cards' | 'chips';
  className?: string;
}

/**
 * A radio group in a fieldset: Tab enters it, arrow keys move and choose, as with any native radios.
 * Each option is a large click target whose description is announced with it.
 */
export function ChoiceGroup<V extends string | number>({
  legend,
  name,
  value,
  choices,
  onChange,
  hint,
  error,
  variant = 'chips',
  className,
}: ChoiceGroupProps<V>) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <fieldset
      className={`choice-group choice-group--${variant}${error ? ' choice-group--invalid' : ''}${className ? ` ${className}` : ''}`}
    >
      <legend className="choice-group__legend">{legend}</legend>
      {hint && (
        <div className="field__hint choice-group__hint" id={hintId}>
          {hint}
        </div>
      )}
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
      <div className="choice-group__options">
        {choices.map((choice) => {
          const optionId = `${id}-${choice.value}`;
          const describedBy =
            [choice.description && `${optionId}-text`, errorId].filter(Boolean).join(' ') || undefined;
          return (
            <label key={choice.value} className="choice" htmlFor={optionId}>
              <input
                id={optionId}
                type="radio"
                name={name}
                value={String(choice.value)}
                checked={value === choice.value}
                onChange={() => onChange(choice.value)}
                aria-labelledby={`${optionId}-label`}
                aria-describedby={describedBy}
              />
              <span className="choice__body">
                <span className="choice__title" id={`${optionId}-label`}>
                  {choice.marker && <span className="choice-group__marker">{choice.marker}</span>}{' '}
                  {choice.label}
                </span>
                {choice.description && (
                  <span className="choice__text" id={`${optionId}-text`}>
                    {choice.description}
                  </span>
                )}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

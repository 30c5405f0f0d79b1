import type { InputHTMLAttributes, ReactNode } from 'react';
import { Field } from './Field';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'> {
  label: string;
  name: string;
  hint?: ReactNode;
  error?: string;
  /** Rendered inside the input's row, e.g. a show-password toggle. */
  addon?: ReactNode;
}

/** A labelled input whose hint and error are announced with it (aria-describedby). */
export function TextField({ label, name, hint, error, addon, className, ...inputProps }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <div className="field__control">
          <input
            {...control}
            name={name}
            className={`input${className ? ` ${className}` : ''}`}
            {...inputProps}
          />
          {addon}
        </div>
      )}
    </Field>
  );
}

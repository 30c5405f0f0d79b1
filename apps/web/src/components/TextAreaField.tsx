import type { ComponentPropsWithRef } from 'react';
import { Field } from './Field';

interface TextAreaFieldProps extends Omit<ComponentPropsWithRef<'textarea'>, 'id' | 'name'> {
  label: string;
  name: string;
  hint?: string;
  error?: string;
}

/** A labelled multi-line input whose hint and error are announced with it. */
export function TextAreaField({ label, name, hint, error, className, ...props }: TextAreaFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <textarea
          {...control}
          name={name}
          className={`input textarea${className ? ` ${className}` : ''}`}
          {...props}
        />
      )}
    </Field>
  );
}

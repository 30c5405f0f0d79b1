import type { ComponentPropsWithRef } from 'react';
import { CharacterCount } from './CharacterCount';
import { Field } from './Field';

interface TextAreaFieldProps extends Omit<ComponentPropsWithRef<'textarea'>, 'id' | 'name'> {
  label: string;
  name: string;
  hint?: string;
  error?: string;
}

/**
 * A labelled multi-line input whose hint and error are announced with it. With `maxLength` and a
 * string `value`, it counts the characters as the text nears its limit.
 */
export function TextAreaField({ label, name, hint, error, className, ...props }: TextAreaFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <>
          <textarea
            {...control}
            name={name}
            className={`input textarea${className ? ` ${className}` : ''}`}
            {...props}
          />
          {props.maxLength !== undefined && typeof props.value === 'string' && (
            <CharacterCount length={props.value.length} max={props.maxLength} />
          )}
        </>
      )}
    </Field>
  );
}

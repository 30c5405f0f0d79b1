import type { SelectHTMLAttributes } from 'react';
import { Field } from './Field';

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'onChange'> {
  label: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
  error?: string;
}

export function SelectField({
  label,
  options,
  onChange,
  error,
  className,
  ...selectProps
}: SelectFieldProps) {
  return (
    <Field label={label} error={error}>
      {(control) => (
        <select
          {...control}
          className={`input select${className ? ` ${className}` : ''}`}
          onChange={(event) => onChange(event.target.value)}
          {...selectProps}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

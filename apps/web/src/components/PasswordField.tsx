import { useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { TextField } from './TextField';

interface PasswordFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'type'> {
  label?: string;
  name?: string;
  hint?: ReactNode;
  error?: string;
}

/** A password input with a Show/Hide toggle; the toggle's text (not an aria-label) names it. */
export function PasswordField({ label = 'Password', name = 'password', ...props }: PasswordFieldProps) {
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      {...props}
      label={label}
      name={name}
      type={visible ? 'text' : 'password'}
      addon={
        <button
          type="button"
          className="field__addon"
          aria-pressed={visible}
          onClick={() => setVisible((value) => !value)}
        >
          {visible ? 'Hide' : 'Show'}
        </button>
      }
    />
  );
}

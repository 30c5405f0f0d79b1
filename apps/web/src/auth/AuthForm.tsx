import { PASSWORD_MIN_LENGTH } from '@mockboard/contracts';
import type { ReactNode } from 'react';
import { FormAlert } from '../components/FormAlert';
import { PasswordField } from '../components/PasswordField';
import { SubmitButton } from '../components/SubmitButton';
import { TextField } from '../components/TextField';
import type { AuthFormState } from './useAuthForm';

interface AuthFormProps {
  form: AuthFormState<'email' | 'password'>;
  /** Sign up sets a new password: browsers offer to generate one, and the minimum length is shown. */
  newPassword?: boolean;
  submitLabel: string;
  /** Fields after email and password (sign up's display name and time zone). */
  children?: ReactNode;
}

/**
 * The form inside Sign in and Sign up: the form-level alert, email and password, any further fields
 * and a full-width submit. Shared so both pages label and order their credentials the same way.
 */
export function AuthForm({ form, newPassword = false, submitLabel, children }: AuthFormProps) {
  const { formRef, submit, messages, values, update, pending } = form;
  return (
    <form ref={formRef} className="form" noValidate onSubmit={submit}>
      <FormAlert>{messages.form}</FormAlert>
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        // The page exists for this form: start typing at once, not after the header's links.
        autoFocus
        required
        value={values.email}
        error={messages.fields.email}
        onChange={(event) => update('email', event.target.value)}
      />
      <PasswordField
        autoComplete={newPassword ? 'new-password' : 'current-password'}
        required
        minLength={newPassword ? PASSWORD_MIN_LENGTH : undefined}
        hint={newPassword ? `At least ${PASSWORD_MIN_LENGTH} characters.` : undefined}
        value={values.password}
        error={messages.fields.password}
        onChange={(event) => update('password', event.target.value)}
      />
      {children}
      <SubmitButton pending={pending} block>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}

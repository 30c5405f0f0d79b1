import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PasswordResetConfirmRequestSchema,
} from '@mockboard/contracts';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { confirmPasswordReset } from '../api/account';
import { toApiRequestError } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { AuthCard } from '../components/AuthCard';
import { FormAlert } from '../components/FormAlert';
import { PasswordField } from '../components/PasswordField';
import { SubmitButton } from '../components/SubmitButton';
import { messagesFromApi, messagesFromZod } from '../forms/field-messages';
import { useFormMessages } from '../forms/useFormMessages';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useLinkToken } from './useLinkToken';

const LABELS = { password: 'New password', confirmation: 'Confirm new password' };
const ORDER = ['password', 'confirmation'] as const;

/** Opened from the reset mail's link: a new password (twice), then sign in with it. */
export function ResetPasswordPage() {
  useDocumentTitle('Choose a new password');
  const token = useLinkToken();
  const { reload } = useAuth();
  const [values, setValues] = useState({ password: '', confirmation: '' });
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);
  const { formRef, messages, show, clear, clearField } = useFormMessages(ORDER);

  function update(field: (typeof ORDER)[number], value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    clearField(field);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (values.confirmation !== values.password) {
      return show({ fields: { confirmation: 'Confirm new password does not match the new password.' } });
    }
    const parsed = PasswordResetConfirmRequestSchema.safeParse({ token, password: values.password });
    if (!parsed.success) return show(messagesFromZod(parsed.error, LABELS));
    clear();
    setPending(true);
    try {
      await confirmPasswordReset(parsed.data);
      setDone(true);
      // Every sign-in of the account ended, this browser's too if it had one.
      reload();
    } catch (error) {
      show(messagesFromApi(toApiRequestError(error), LABELS));
    } finally {
      setPending(false);
    }
  }

  if (done) {
    return (
      <AuthCard title="Password changed">
        <p role="status">
          Your new password is set, and every browser and app that was signed in has been signed out.
        </p>
        <Link to="/signin" className="button button--block">
          Sign in with your new password
        </Link>
      </AuthCard>
    );
  }

  // Checked on arrival, not after the person has typed a new password twice.
  if (!PasswordResetConfirmRequestSchema.shape.token.safeParse(token).success) {
    return (
      <AuthCard title="This link is incomplete">
        <p role="alert">
          {token
            ? 'This link is missing part of its code. Copy the whole link from the email, or ask for a new one.'
            : 'This page needs the link from a password reset email, and this address has no code in it.'}
        </p>
        <Link to="/forgot-password" className="button button--block">
          Ask for a new link
        </Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Choose a new password"
      footer={
        <>
          Link not working? <Link to="/forgot-password">Ask for a new one</Link>
        </>
      }
    >
      <form ref={formRef} className="form" noValidate onSubmit={submit}>
        <FormAlert>{messages.form}</FormAlert>
        <PasswordField
          label="New password"
          name="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          maxLength={PASSWORD_MAX_LENGTH}
          hint={`At least ${PASSWORD_MIN_LENGTH} characters. A few uncommon words make a strong, memorable password.`}
          value={values.password}
          error={messages.fields.password}
          onChange={(event) => update('password', event.target.value)}
        />
        <PasswordField
          label="Confirm new password"
          name="confirmation"
          autoComplete="new-password"
          required
          maxLength={PASSWORD_MAX_LENGTH}
          value={values.confirmation}
          error={messages.fields.confirmation}
          onChange={(event) => update('confirmation', event.target.value)}
        />
        <SubmitButton pending={pending} block>
          Set new password
        </SubmitButton>
      </form>
    </AuthCard>
  );
}

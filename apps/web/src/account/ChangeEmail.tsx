import { ChangeEmailRequestSchema, PASSWORD_MAX_LENGTH } from '@mockboard/contracts';
import { useId, useState, type FormEvent } from 'react';
import { cancelEmailChange, changeEmail } from '../api/account';
import { toApiRequestError } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { FormAlert } from '../components/FormAlert';
import { PasswordField } from '../components/PasswordField';
import { SavedStatus } from '../components/SavedStatus';
import { SubmitButton } from '../components/SubmitButton';
import { TextField } from '../components/TextField';
import { messagesFromApi, messagesFromZod } from '../forms/field-messages';
import { useFormMessages } from '../forms/useFormMessages';
import { ResendVerification } from './ResendVerification';

const LABELS = { email: 'New email address', password: 'Password' };
const ORDER = ['email', 'password'] as const;

/**
 * Moves the account to another address: a link goes to the new one, and nothing changes until it is
 * opened there. The password is asked for, so a browser left signed in cannot take the account.
 */
export function ChangeEmail() {
  const { user, emailStatus, refreshMe } = useAuth();
  const [values, setValues] = useState({ email: '', password: '' });
  const [pending, setPending] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const { formRef, messages, show, clear, clearField } = useFormMessages(ORDER);
  const id = useId();
  const [cancelling, setCancelling] = useState(false);
  const [cancelFailure, setCancelFailure] = useState<string | null>(null);

  async function cancelChange() {
    setCancelling(true);
    setCancelFailure(null);
    try {
      await cancelEmailChange();
      setSent(null);
      await refreshMe().catch(() => undefined);
    } catch (error) {
      setCancelFailure(toApiRequestError(error).message);
    } finally {
      setCancelling(false);
    }
  }

  function update(field: (typeof ORDER)[number], value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    clearField(field);
    setSent(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = ChangeEmailRequestSchema.safeParse(values);
    if (!parsed.success) return show(messagesFromZod(parsed.error, LABELS));
    clear();
    setSent(null);
    setPending(true);
    try {
      setSent(await changeEmail(parsed.data));
      setValues({ email: '', password: '' });
      await refreshMe().catch(() => undefined);
    } catch (error) {
      show(messagesFromApi(toApiRequestError(error), LABELS));
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="panel profile-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Change email address</h2>
      <p>
        Your address is <strong>{user?.email}</strong>
        {user && !user.emailVerified && ' (not verified yet)'}.
        {emailStatus?.pendingEmail && (
          <>
            {' '}
            A link waits at <strong>{emailStatus.pendingEmail}</strong>; the address changes when it is
            opened.
          </>
        )}
      </p>
      {/* Offered whenever something waits for a link, even where this server does not require it. */}
      {user && (!user.emailVerified || emailStatus?.pendingEmail) && (
        <div className="profile-email-actions">
          <ResendVerification
            label={
              user.emailVerified
                ? 'Send the link to the new address again'
                : 'Send the verification email again'
            }
          />
          {emailStatus?.pendingEmail && (
            <span>
              <button
                type="button"
                className="button button--small button--secondary"
                onClick={cancelChange}
                disabled={cancelling}
              >
                Cancel the change of address
              </button>{' '}
              <span role="alert">{cancelFailure}</span>
            </span>
          )}
        </div>
      )}
      <form ref={formRef} className="form" noValidate onSubmit={submit} aria-labelledby={`${id}-title`}>
        <FormAlert>{messages.form}</FormAlert>
        <TextField
          label="New email address"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={values.email}
          error={messages.fields.email}
          onChange={(event) => update('email', event.target.value)}
        />
        <PasswordField
          label="Password"
          name="password"
          autoComplete="current-password"
          required
          maxLength={PASSWORD_MAX_LENGTH}
          hint="Your current password, to confirm it is you."
          value={values.password}
          error={messages.fields.password}
          onChange={(event) => update('password', event.target.value)}
        />
        <div className="form__actions">
          <SubmitButton pending={pending}>Send confirmation link</SubmitButton>
          <SavedStatus message={sent} />
        </div>
      </form>
    </section>
  );
}

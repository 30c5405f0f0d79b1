import { ChangeEmailRequestSchema, PASSWORD_MAX_LENGTH } from '@mockboard/contracts';
import { useId, useState, type FormEvent } from 'react';
import { changeEmail } from '../api/account';
import { toApiRequestError } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { FormAlert } from '../components/FormAlert';
import { PasswordField } from '../components/PasswordField';
import { SavedStatus } from '../components/SavedStatus';
import { SubmitButton } from '../components/SubmitButton';
import { TextField } from '../components/TextField';
import { messagesFromApi, messagesFromZod } from '../forms/fieldMessages';
import { useFormMessages } from '../forms/useFormMessages';

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

import { ChangePasswordRequestSchema, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@mockboard/contracts';
import { useId, useState, type FormEvent } from 'react';
import { changePassword } from '../api/auth';
import { toApiRequestError } from '../api/client';
import { FormAlert } from '../components/FormAlert';
import { PasswordField } from '../components/PasswordField';
import { SavedStatus } from '../components/SavedStatus';
import { SubmitButton } from '../components/SubmitButton';
import { messagesFromApi, messagesFromZod } from '../forms/field-messages';
import { useFormMessages } from '../forms/useFormMessages';

const LABELS = { currentPassword: 'Current password', newPassword: 'New password' };
const ORDER = ['currentPassword', 'newPassword'] as const;

/**
 * Changes the password. The server checks its strength (it keeps the dictionaries, so this page
 * stays small) and signs out every other sign-in; this browser stays signed in.
 */
export function ChangePassword({ onChanged }: { onChanged?: () => void }) {
  const [values, setValues] = useState({ currentPassword: '', newPassword: '' });
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const { formRef, messages, show, clear, clearField } = useFormMessages(ORDER);
  const id = useId();

  function update(field: (typeof ORDER)[number], value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    clearField(field);
    setSaved(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = ChangePasswordRequestSchema.safeParse(values);
    if (!parsed.success) return show(messagesFromZod(parsed.error, LABELS));
    clear();
    setSaved(null);
    setPending(true);
    try {
      await changePassword(parsed.data);
      setValues({ currentPassword: '', newPassword: '' });
      setSaved('Password changed. Every other browser and app was signed out.');
      onChanged?.();
    } catch (error) {
      show(messagesFromApi(toApiRequestError(error), LABELS));
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="panel profile-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Change password</h2>
      <form ref={formRef} className="form" noValidate onSubmit={submit} aria-labelledby={`${id}-title`}>
        <FormAlert>{messages.form}</FormAlert>
        <PasswordField
          label="Current password"
          name="currentPassword"
          autoComplete="current-password"
          required
          maxLength={PASSWORD_MAX_LENGTH}
          value={values.currentPassword}
          error={messages.fields.currentPassword}
          onChange={(event) => update('currentPassword', event.target.value)}
        />
        <PasswordField
          label="New password"
          name="newPassword"
          autoComplete="new-password"
          required
          maxLength={PASSWORD_MAX_LENGTH}
          hint={`At least ${PASSWORD_MIN_LENGTH} characters. A few uncommon words make a strong, memorable password.`}
          value={values.newPassword}
          error={messages.fields.newPassword}
          onChange={(event) => update('newPassword', event.target.value)}
        />
        <div className="form__actions">
          <SubmitButton pending={pending}>Change password</SubmitButton>
          <SavedStatus message={saved} />
        </div>
      </form>
    </section>
  );
}

import { DISPLAY_NAME_MAX_LENGTH, UpdateMeRequestSchema, type User } from '@mockboard/contracts';
import { useState, type FormEvent } from 'react';
import { updateMe } from '../api/auth';
import { toApiRequestError } from '../api/client';
import { ChangeEmail } from '../account/ChangeEmail';
import { useAuth } from '../auth/AuthContext';
import { FormAlert } from '../components/FormAlert';
import { SavedStatus } from '../components/SavedStatus';
import { SubmitButton } from '../components/SubmitButton';
import { TargetLevelField } from '../components/TargetLevelField';
import { TextField } from '../components/TextField';
import { TimeZoneSelect } from '../components/TimeZoneSelect';
import { messagesFromApi, messagesFromZod } from '../forms/field-messages';
import { useFormMessages } from '../forms/useFormMessages';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { EmailPreferences } from '../mail-preferences/EmailPreferences';
import { BlockedPeople } from '../profile/BlockedPeople';
import { CalendarSubscription } from '../profile/CalendarSubscription';
import { ChangePassword } from '../profile/ChangePassword';
import { DateTimeFormatField } from '../profile/DateTimeFormatField';
import { MyReliability } from '../profile/MyReliability';
import { SignIns } from '../profile/SignIns';
import { formatLongDate } from '../time/format';

const LABELS = {
  displayName: 'Display name',
  timezone: 'Time zone',
  dateTimeLocale: 'Date and time format',
  targetLevel: 'Target level',
};
const ORDER = ['displayName', 'timezone', 'dateTimeLocale', 'targetLevel'] as const;
type Field = (typeof ORDER)[number];
type Values = Pick<User, Field>;

/** Rendered inside <RequireAuth>, so a user is always present. */
export function ProfilePage() {
  useDocumentTitle('Profile');
  const { user } = useAuth();
  if (!user) return null;
  // Keyed by id so a different account never sees the previous one's unsaved edits.
  return <ProfileForm key={user.id} user={user} />;
}

function ProfileForm({ user }: { user: User }) {
  const { setUser } = useAuth();
  const [values, setValues] = useState<Values>({
    displayName: user.displayName,
    timezone: user.timezone,
    dateTimeLocale: user.dateTimeLocale,
    targetLevel: user.targetLevel,
  });
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [signInsVersion, setSignInsVersion] = useState(0);
  const { formRef, messages, show, clear, clearField } = useFormMessages(ORDER);

  function update<F extends Field>(field: F, value: Values[F]) {
    setValues((current) => ({ ...current, [field]: value }));
    clearField(field);
    setSaved(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    // Send only what changed, so saving never overwrites an edit made in another tab.
    const changes = Object.fromEntries(
      ORDER.filter((field) => values[field] !== user[field]).map((f) => [f, values[f]]),
    );
    if (Object.keys(changes).length === 0) {
      clear();
      setSaved('Nothing to save: your profile is up to date.');
      return;
    }
    const parsed = UpdateMeRequestSchema.safeParse(changes);
    if (!parsed.success) return show(messagesFromZod(parsed.error, LABELS));
    clear();
    setSaved(null);
    setPending(true);
    try {
      const updated = await updateMe(parsed.data);
      setUser(updated);
      setValues({
        displayName: updated.displayName,
        timezone: updated.timezone,
        dateTimeLocale: updated.dateTimeLocale,
        targetLevel: updated.targetLevel,
      });
      setSaved('Profile saved.');
    } catch (error) {
      show(messagesFromApi(toApiRequestError(error), LABELS));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="container page page--form">
      <header className="page-header">
        <h1>Profile</h1>
        <p className="page-header__lead">
          How your practice partners see you, and the level you are practising for.
        </p>
      </header>

      <dl className="account-facts">
        <div>
          <dt>Email</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>Member since</dt>
          <dd>{formatLongDate(new Date(user.createdAt), user.timezone)}</dd>
        </div>
      </dl>

      <form ref={formRef} className="form panel" noValidate onSubmit={submit}>
        <FormAlert>{messages.form}</FormAlert>
        <TextField
          label="Display name"
          name="displayName"
          autoComplete="nickname"
          required
          maxLength={DISPLAY_NAME_MAX_LENGTH}
          value={values.displayName}
          error={messages.fields.displayName}
          onChange={(event) => update('displayName', event.target.value)}
        />
        <TimeZoneSelect
          value={values.timezone}
          error={messages.fields.timezone}
          onChange={(zone) => update('timezone', zone)}
        />
        <DateTimeFormatField
          value={values.dateTimeLocale}
          error={messages.fields.dateTimeLocale}
          onChange={(locale) => update('dateTimeLocale', locale)}
        />
        <TargetLevelField
          value={values.targetLevel}
          error={messages.fields.targetLevel}
          onChange={(level) => update('targetLevel', level)}
        />
        <div className="form__actions">
          <SubmitButton pending={pending}>Save changes</SubmitButton>
          <SavedStatus message={saved} />
        </div>
      </form>

      <MyReliability user={user} />
      <CalendarSubscription />
      <EmailPreferences />
      <ChangeEmail />
      <BlockedPeople />
      <ChangePassword onChanged={() => setSignInsVersion((n) => n + 1)} />
      {/* Loaded again after a password change, which signs the other browsers out. */}
      <SignIns version={signInsVersion} />
    </div>
  );
}

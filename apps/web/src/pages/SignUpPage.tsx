import { DISPLAY_NAME_MAX_LENGTH, PASSWORD_MIN_LENGTH, RegisterRequestSchema } from '@mockboard/contracts';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { toApiRequestError } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { safeNextPath, withNext } from '../auth/redirect';
import { AuthCard } from '../components/AuthCard';
import { FormAlert } from '../components/FormAlert';
import { PasswordField } from '../components/PasswordField';
import { SubmitButton } from '../components/SubmitButton';
import { TextField } from '../components/TextField';
import { TimeZoneSelect } from '../components/TimeZoneSelect';
import { browserTimeZone } from '../components/timeZones';
import { messagesFromApi, messagesFromZod } from '../forms/fieldMessages';
import { useFormMessages } from '../forms/useFormMessages';
import { useDocumentTitle } from '../hooks/useDocumentTitle';

const LABELS = { email: 'Email', password: 'Password', displayName: 'Display name', timezone: 'Time zone' };
const ORDER = ['email', 'password', 'displayName', 'timezone'] as const;

export function SignUpPage() {
  useDocumentTitle('Create your account');
  const { user, signUp } = useAuth();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const rawNext = searchParams.get('next');
  const next = safeNextPath(rawNext);
  const [values, setValues] = useState({
    email: '',
    password: '',
    displayName: '',
    timezone: browserTimeZone(),
  });
  const [pending, setPending] = useState(false);
  const { formRef, messages, show, clear, clearField } = useFormMessages(ORDER);

  if (user && !pending) return <Navigate to={next} replace />;

  function update(field: (typeof ORDER)[number], value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    clearField(field);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = RegisterRequestSchema.safeParse(values);
    if (!parsed.success) return show(messagesFromZod(parsed.error, LABELS));
    clear();
    setPending(true);
    try {
      await signUp(parsed.data);
      navigate(next, { replace: true });
    } catch (error) {
      const apiError = toApiRequestError(error);
      // A taken email is about the email field even though the server sends no `fields` for it.
      if (apiError.status === 409 && apiError.fields.length === 0) {
        show({ fields: { email: apiError.message } });
      } else {
        show(messagesFromApi(apiError, LABELS));
      }
      setPending(false);
    }
  }

  return (
    <AuthCard
      title="Create your account"
      lead="Practise system-design interviews with a peer and track how you improve."
      footer={
        <>
          Already have an account? <Link to={withNext('/signin', rawNext)}>Sign in</Link>
        </>
      }
    >
      <form ref={formRef} className="form" noValidate onSubmit={submit}>
        <FormAlert>{messages.form}</FormAlert>
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={values.email}
          error={messages.fields.email}
          onChange={(event) => update('email', event.target.value)}
        />
        <PasswordField
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          value={values.password}
          error={messages.fields.password}
          onChange={(event) => update('password', event.target.value)}
        />
        <TextField
          label="Display name"
          name="displayName"
          autoComplete="nickname"
          required
          maxLength={DISPLAY_NAME_MAX_LENGTH}
          hint="Shown to your practice partners."
          value={values.displayName}
          error={messages.fields.displayName}
          onChange={(event) => update('displayName', event.target.value)}
        />
        <TimeZoneSelect
          value={values.timezone}
          error={messages.fields.timezone}
          onChange={(zone) => update('timezone', zone)}
        />
        <SubmitButton pending={pending} block>
          Create account
        </SubmitButton>
      </form>
    </AuthCard>
  );
}

import { DISPLAY_NAME_MAX_LENGTH, RegisterRequestSchema } from '@mockboard/contracts';
import { z } from 'zod';
import { Link, Navigate } from 'react-router-dom';
import type { ApiRequestError } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { AuthForm } from '../auth/AuthForm';
import { withNext } from '../auth/redirect';
import { useAuthForm } from '../auth/useAuthForm';
import { AuthCard } from '../components/AuthCard';
import { LevelSelect } from '../components/LevelSelect';
import { TextField } from '../components/TextField';
import { TimeZoneSelect } from '../components/TimeZoneSelect';
import { browserTimeZone } from '../components/time-zones';
import { messagesFromApi, type FormMessages } from '../forms/field-messages';
import { useDocumentTitle } from '../hooks/useDocumentTitle';

const LABELS = {
  email: 'Email',
  password: 'Password',
  displayName: 'Display name',
  timezone: 'Time zone',
  targetLevel: 'Target level',
};
const ORDER = ['email', 'password', 'displayName', 'timezone', 'targetLevel'] as const;

/** The form's "Not set" is an empty value; the API takes no level at all for it. */
const SignUpSchema = z.preprocess(
  (values) => ({
    ...(values as object),
    targetLevel: (values as { targetLevel?: string }).targetLevel || undefined,
  }),
  RegisterRequestSchema,
);

function signUpMessages(error: ApiRequestError): FormMessages<(typeof ORDER)[number]> {
  // A taken email is about the email field even though the server sends no `fields` for it.
  if (error.status === 409 && error.fields.length === 0) return { fields: { email: error.message } };
  return messagesFromApi(error, LABELS);
}

export function SignUpPage() {
  useDocumentTitle('Create your account');
  const { signUp } = useAuth();
  const form = useAuthForm({
    order: ORDER,
    labels: LABELS,
    initialValues: { email: '', password: '', displayName: '', timezone: browserTimeZone(), targetLevel: '' },
    schema: SignUpSchema,
    send: signUp,
    messagesFromError: signUpMessages,
    // Practice is where a new account's next step is: booking or offering a first session.
    landing: '/practice',
  });
  const { values, messages, update } = form;

  if (form.redirectTo) return <Navigate to={form.redirectTo} replace />;

  return (
    <AuthCard
      title="Create your account"
      lead="Practise system-design interviews with a peer and track how you improve."
      footer={
        <>
          Already have an account? <Link to={withNext('/signin', form.rawNext)}>Sign in</Link>
        </>
      }
    >
      <AuthForm form={form} newPassword submitLabel="Create account">
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
        <LevelSelect
          label="Target level (optional)"
          anyLabel="Not set"
          value={values.targetLevel}
          error={messages.fields.targetLevel}
          onChange={(level) => update('targetLevel', level)}
        />
      </AuthForm>
    </AuthCard>
  );
}

import { LoginRequestSchema } from '@mockboard/contracts';
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
import { messagesFromApi, messagesFromZod } from '../forms/fieldMessages';
import { useFormMessages } from '../forms/useFormMessages';
import { useDocumentTitle } from '../hooks/useDocumentTitle';

const LABELS = { email: 'Email', password: 'Password' };
const ORDER = ['email', 'password'] as const;

export function SignInPage() {
  useDocumentTitle('Sign in');
  const { user, signIn } = useAuth();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const rawNext = searchParams.get('next');
  const next = safeNextPath(rawNext);
  const [values, setValues] = useState({ email: '', password: '' });
  const [pending, setPending] = useState(false);
  const { formRef, messages, show, clear, clearField } = useFormMessages(ORDER);

  if (user && !pending) return <Navigate to={next} replace />;

  function update(field: (typeof ORDER)[number], value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    clearField(field);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = LoginRequestSchema.safeParse(values);
    if (!parsed.success) return show(messagesFromZod(parsed.error, LABELS));
    clear();
    setPending(true);
    try {
      await signIn(parsed.data);
      navigate(next, { replace: true });
    } catch (error) {
      // A wrong password (401) is a form-level message: naming the field would tell an attacker
      // whether the email exists.
      show(messagesFromApi(toApiRequestError(error), LABELS));
      setPending(false);
    }
  }

  return (
    <AuthCard
      title="Sign in"
      lead={rawNext ? 'Sign in to continue where you left off.' : 'Welcome back.'}
      footer={
        <>
          New to Mockboard? <Link to={withNext('/signup', rawNext)}>Create an account</Link>
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
          autoComplete="current-password"
          required
          value={values.password}
          error={messages.fields.password}
          onChange={(event) => update('password', event.target.value)}
        />
        <SubmitButton pending={pending} block>
          Sign in
        </SubmitButton>
      </form>
    </AuthCard>
  );
}

import { LoginRequestSchema } from '@mockboard/contracts';
import { useEffect, useState } from 'react';
import { Link, Navigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { AuthForm } from '../auth/AuthForm';
import { withNext } from '../auth/redirect';
import { forgetSignedOutReason, signedOutReason } from '../auth/signed-out-reason';
import { useAuthForm } from '../auth/useAuthForm';
import { AuthCard } from '../components/AuthCard';
import { useDocumentTitle } from '../hooks/useDocumentTitle';

const LABELS = { email: 'Email', password: 'Password' };
const ORDER = ['email', 'password'] as const;

export function SignInPage() {
  useDocumentTitle('Sign in');
  const { signIn } = useAuth();
  // Shown once: a suspension or ban that signed this browser out (see api/client.ts).
  const [restriction] = useState(signedOutReason);
  useEffect(forgetSignedOutReason, []);
  // A wrong password (401) stays a form-level message (the default): naming the field would tell an
  // attacker whether the email exists.
  const form = useAuthForm({
    order: ORDER,
    labels: LABELS,
    initialValues: { email: '', password: '' },
    schema: LoginRequestSchema,
    send: signIn,
  });

  if (form.redirectTo) return <Navigate to={form.redirectTo} replace />;

  return (
    <AuthCard
      title="Sign in"
      lead={form.rawNext ? 'Sign in to continue where you left off.' : 'Welcome back.'}
      footer={
        <>
          New to Mockboard? <Link to={withNext('/signup', form.rawNext)}>Create an account</Link>
        </>
      }
    >
      {restriction && (
        <p className="warning" role="alert">
          {restriction}
        </p>
      )}
      <AuthForm form={form} submitLabel="Sign in" />
      <p className="auth-card__aside">
        <Link to="/forgot-password">Forgot password?</Link>
      </p>
    </AuthCard>
  );
}

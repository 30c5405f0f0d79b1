import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { verifyEmail } from '../api/account';
import { toApiRequestError } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { AuthCard } from '../components/AuthCard';
import { LoadingState } from '../components/StatusViews';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { ResendVerification } from './ResendVerification';
import { useLinkToken } from './useLinkToken';

type State =
  { kind: 'verifying' } | { kind: 'verified'; email: string } | { kind: 'failed'; message: string };

/** Opened from the verification mail's link: posts its token at once, then says what happened. */
export function VerifyEmailPage() {
  useDocumentTitle('Verify your email');
  const token = useLinkToken();
  const { user, emailStatus, refreshMe } = useAuth();
  const [state, setState] = useState<State>({ kind: 'verifying' });
  // A link works once: React's development double effect (or a re-render) must not post it twice.
  const posted = useRef<string | null>(null);

  useEffect(() => {
    if (posted.current === token) return;
    posted.current = token;
    verifyEmail(token).then(
      ({ email }) => {
        setState({ kind: 'verified', email });
        // The banner and the profile show the new state if this browser is signed in.
        refreshMe().catch(() => undefined);
      },
      (error: unknown) => {
        const apiError = toApiRequestError(error);
        setState({
          kind: 'failed',
          message:
            apiError.status === 400 && apiError.fields.length > 0
              ? 'This link is incomplete. Copy the whole link from the email.'
              : apiError.message,
        });
      },
    );
  }, [token, refreshMe]);

  if (state.kind === 'verifying') return <LoadingState label="Verifying your email address…" />;

  if (state.kind === 'verified') {
    return (
      <AuthCard title="Email address verified">
        <p role="status">
          Thank you: <strong>{state.email}</strong> is verified. You can now book and offer sessions and be
          matched with a partner.
        </p>
        <Link to={user ? '/practice' : '/signin?next=%2Fpractice'} className="button button--block">
          Continue to Practice
        </Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="This link did not work">
      <p role="alert">{state.message}</p>
      {user?.emailVerified && !emailStatus?.pendingEmail ? (
        <p>
          Your address {user.email} is verified already. <Link to="/practice">Continue to Practice</Link>
        </p>
      ) : user ? (
        <ResendVerification label="Send me a new link" />
      ) : (
        <p>
          <Link to="/signin">Sign in</Link> to ask for a new link.
        </p>
      )}
    </AuthCard>
  );
}

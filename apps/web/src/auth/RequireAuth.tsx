import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ErrorState, LoadingState } from '../components/StatusViews';
import { useAuth } from './AuthContext';
import { withNext } from './redirect';

/** Renders its children for a signed-in user; otherwise sends them to Sign in and back here after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, reload } = useAuth();
  const location = useLocation();

  if (state.status === 'loading') return <LoadingState label="Checking your session…" />;
  if (state.status === 'unknown') {
    return <ErrorState title="We could not check your session" error={state.error} onRetry={reload} />;
  }
  if (state.status === 'signed-out') {
    const here = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={withNext('/signin', here)} replace />;
  }
  return children;
}

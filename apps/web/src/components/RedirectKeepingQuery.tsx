import { Navigate, useLocation } from 'react-router-dom';

/** Redirects to `to`, keeping the query string (so `/login?next=/profile` still returns to Profile). */
export function RedirectKeepingQuery({ to }: { to: string }) {
  const { search } = useLocation();
  return <Navigate to={{ pathname: to, search }} replace />;
}

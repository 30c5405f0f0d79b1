import type { User } from '@mockboard/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { EmptyState } from './StatusViews';

interface RequireAdminProps {
  /** What the page is, for the sentence a non-admin reads: "The dev mailbox is for …". */
  what: string;
  /** The page itself, given the signed-in admin. */
  children: (admin: User) => ReactNode;
}

/**
 * The admin pages' role check, inside <RequireAuth>: anyone else reads that the page is for admins,
 * with a way back. Only a courtesy: the API refuses non-admins on every admin endpoint.
 */
export function RequireAdmin({ what, children }: RequireAdminProps) {
  const { user } = useAuth();
  if (user?.role === 'admin') return <>{children(user)}</>;
  return (
    <div className="container page page--narrow">
      <EmptyState
        level={1}
        title="Admins only"
        action={
          <Link to="/practice" className="button">
            Go to Practice
          </Link>
        }
      >
        <p>{what} is for Mockboard’s admins.</p>
      </EmptyState>
    </div>
  );
}

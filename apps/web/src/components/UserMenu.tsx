import type { User } from '@mockboard/contracts';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { useDisclosure } from '../hooks/useDisclosure';
import { Avatar } from './Avatar';

/**
 * The signed-in user's name opening a small disclosure with Profile and Sign out. A disclosure
 * (button + list) rather than an ARIA menu: Tab works as everywhere else on the page.
 */
export function UserMenu({ user }: { user: User }) {
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const { open, setOpen, rootRef, buttonRef, panelId } = useDisclosure();
  const [signingOut, setSigningOut] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function handleSignOut() {
    setSigningOut(true);
    setError(null);
    // Leave first: clearing the user while still on a members-only page would bounce to Sign in.
    navigate('/');
    try {
      await signOut();
      setOpen(false);
    } catch {
      setError('Could not sign out. Try again.');
    } finally {
      setSigningOut(false);
    }
  }

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <Avatar name={user.displayName} />
        <span className="user-menu__name">{user.displayName}</span>
        <span className="user-menu__chevron" aria-hidden="true" />
      </button>
      <div id={panelId} className="user-menu__panel" hidden={!open}>
        <p className="user-menu__email">{user.email}</p>
        <ul className="user-menu__list">
          <li>
            <Link to="/profile" className="user-menu__item" onClick={() => setOpen(false)}>
              Profile
            </Link>
          </li>
          {user.role === 'admin' && (
            <li>
              <Link to="/admin/calibration" className="user-menu__item" onClick={() => setOpen(false)}>
                Calibration
              </Link>
            </li>
          )}
          {user.role === 'admin' && (
            <li>
              <Link to="/admin/moderation" className="user-menu__item" onClick={() => setOpen(false)}>
                Moderation
              </Link>
            </li>
          )}
          {user.role === 'admin' && (
            <li>
              <Link to="/admin/mailbox" className="user-menu__item" onClick={() => setOpen(false)}>
                Dev mailbox
              </Link>
            </li>
          )}
          <li>
            <button type="button" className="user-menu__item" onClick={handleSignOut} disabled={signingOut}>
              {signingOut ? 'Signing out…' : 'Sign out'}
            </button>
          </li>
        </ul>
        {error && (
          <p className="user-menu__error" role="alert">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}

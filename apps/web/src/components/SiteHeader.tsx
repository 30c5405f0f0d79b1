import { Link, NavLink, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { withNext } from '../auth/redirect';
import { NotificationBell } from '../notifications/NotificationBell';
import { UserMenu } from './UserMenu';

export function SiteHeader() {
  const { state, user } = useAuth();
  const location = useLocation();
  // Signing in from a page comes back to it; from the home and auth pages it goes to the default.
  const noReturn = ['/', '/signin', '/signup'].includes(location.pathname);
  const next = noReturn ? null : `${location.pathname}${location.search}`;

  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true" />
          Mockboard
        </Link>
        <nav className="site-nav" aria-label="Main">
          <NavLink to="/practice" className="site-nav__link">
            Practice
          </NavLink>
          <NavLink to="/progress" className="site-nav__link">
            Progress
          </NavLink>
          <NavLink to="/plan" className="site-nav__link">
            Study plan
          </NavLink>
          <NavLink to="/prompts" className="site-nav__link">
            Prompts
          </NavLink>
          <NavLink to="/rubric" className="site-nav__link">
            Rubric
          </NavLink>
        </nav>
        <div className="site-header__account">
          {user ? (
            <>
              <NotificationBell zone={user.timezone} />
              <UserMenu user={user} />
            </>
          ) : state.status === 'loading' ? null : (
            <>
              <Link to={withNext('/signin', next)} className="site-nav__link">
                Sign in
              </Link>
              <Link to={withNext('/signup', next)} className="button button--small">
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

import type { User } from '@mockboard/contracts';
import { Link } from 'react-router-dom';
import { useRefreshOnNotification } from '../notifications/NotificationsContext';
import { MySessions } from '../practice/MySessions';

/**
 * The home page of someone signed in: where they left off (the next session and its Join), not
 * the pitch they already followed.
 */
export function WelcomeBack({ user }: { user: User }) {
  // A partner's booking, cancellation or new time arrives as a notification: the list follows it.
  const { version } = useRefreshOnNotification();

  return (
    <div className="container page welcome-back">
      <header className="page-header">
        <h1>Welcome back, {user.displayName}</h1>
        <p className="page-header__lead">
          Your sessions are below. Book a partner or practise solo on Practice, and see your scores move on
          Progress.
        </p>
        <div className="welcome-back__actions">
          <Link to="/practice" className="button">
            Book a session
          </Link>
          <Link to="/progress" className="button button--secondary">
            Your progress
          </Link>
          <Link to="/prompts" className="button button--ghost">
            Browse prompts
          </Link>
        </div>
      </header>
      <MySessions user={user} refreshKey={version} />
    </div>
  );
}

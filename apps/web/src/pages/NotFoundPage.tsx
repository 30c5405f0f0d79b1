import { Link, useLocation } from 'react-router-dom';
import { EmptyState } from '../components/StatusViews';
import { useDocumentTitle } from '../hooks/useDocumentTitle';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  const { pathname } = useLocation();
  return (
    <div className="container page page--narrow">
      <EmptyState
        level={1}
        title="Page not found"
        action={
          <div className="button-row">
            <Link to="/" className="button">
              Go to the home page
            </Link>
            <Link to="/prompts" className="button button--secondary">
              Browse prompts
            </Link>
          </div>
        }
      >
        <p>
          Nothing lives at <code>{pathname}</code>. Check the address, or start from one of these.
        </p>
      </EmptyState>
    </div>
  );
}

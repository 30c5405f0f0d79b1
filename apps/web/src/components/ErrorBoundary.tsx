import { Component, type ReactNode } from 'react';

interface ErrorBoundaryProps {
  children: ReactNode;
}

/**
 * The last line of defence: a rendering bug or a page chunk that fails to download (e.g. after a
 * redeploy) shows a way out instead of a blank screen. Layout keys it by path, so navigating resets it.
 * React itself reports the caught error to the console (createRoot's default onCaughtError).
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="container page page--narrow">
        <div className="status status--error" role="alert">
          <h1 className="status__title">This screen could not be shown</h1>
          <p className="status__text">
            Reloading usually fixes it. If it keeps happening, let the site’s admin know.
          </p>
          <button type="button" className="button button--secondary" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        </div>
      </div>
    );
  }
}

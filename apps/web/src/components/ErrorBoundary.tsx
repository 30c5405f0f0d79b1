import { Component, type ReactNode } from 'react';

interface ErrorBoundaryProps {
  children: ReactNode;
  /** What to show in place of the children; by default, the whole screen's error with a reload. */
  fallback?: ReactNode;
}

/**
 * The last line of defence: a rendering bug, or a page's code that still fails to download after
 * the tab reloaded itself for it (lazyOrReload), shows a way out instead of a blank screen. Layout
 * keys it by path, so navigating resets it. React itself reports the caught error to the console
 * (createRoot's default onCaughtError).
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    if (this.props.fallback !== undefined) return this.props.fallback;
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

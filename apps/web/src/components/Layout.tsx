import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { VerifyEmailBanner } from '../account/VerifyEmailBanner';
import { ErrorBoundary } from './ErrorBoundary';
import { SiteHeader } from './SiteHeader';

/** The frame around every screen: skip link, header, the routed page and a footer. */
export function Layout() {
  const mainRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const firstRender = useRef(true);

  // A client-side navigation does not move focus or scroll like a page load does; do both, so
  // keyboard and screen-reader users start at the new screen's content.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo(0, 0);
    // A screen that put focus in its content already (a form's first field) keeps it there.
    if (mainRef.current?.contains(document.activeElement) && document.activeElement !== mainRef.current)
      return;
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SiteHeader />
      <main id="main" className="main" ref={mainRef} tabIndex={-1}>
        <VerifyEmailBanner />
        <ErrorBoundary key={pathname}>
          <Outlet />
        </ErrorBoundary>
      </main>
      <footer className="site-footer">
        <div className="container site-footer__inner">
          <span>Mockboard · open-source, self-hostable interview practice</span>
        </div>
      </footer>
    </div>
  );
}

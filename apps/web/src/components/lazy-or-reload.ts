import { lazy } from 'react';

/** The build that last reloaded this tab for its code (sessionStorage: this tab only). */
const RELOADED_BUILD_KEY = 'mockboard.reloadedForCodeOfBuild';
/**
 * This build: the URL of the bundled script this module is in, whose name carries a hash of the
 * build. A tab reloads itself at most once per build, so however its failures are spaced it cannot
 * loop.
 */
const THIS_BUILD = import.meta.url;

/**
 * React's `lazy`, for pages whose code is loaded on first use. A tab open across a redeploy still
 * asks for its build's files, which the server no longer has: then the tab reloads itself once,
 * quietly, and gets the build the server has now, the loading state staying up meanwhile. The
 * error reaches the nearest ErrorBoundary instead, which offers the reload by hand, when this build
 * already reloaded once, when the server does not answer (a reload would show the browser's own
 * error page), or when the tab cannot keep the note. Not for parts of a page that holds unsaved
 * work or a call (the room's reference drawing): a reload would drop them.
 */
export const lazyOrReload: typeof lazy = (load) => lazy(() => load().catch(reloadOnceFor));

async function reloadOnceFor(error: unknown): Promise<never> {
  if (!(await serverAnswers()) || !noteReload()) throw error;
  window.location.reload();
  // Never settles: the page is going away, and Suspense keeps its loading state until it does.
  return new Promise<never>(() => undefined);
}

/** Whether this page's own address answers now, as a reload would ask it. */
async function serverAnswers(): Promise<boolean> {
  if (!navigator.onLine) return false;
  try {
    const response = await fetch(window.location.href, {
      method: 'HEAD',
      cache: 'no-store',
      headers: { Accept: 'text/html' },
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** Notes that this build reloads the tab; false if it already did, or the note cannot be kept. */
function noteReload(): boolean {
  try {
    if (window.sessionStorage.getItem(RELOADED_BUILD_KEY) === THIS_BUILD) return false;
    window.sessionStorage.setItem(RELOADED_BUILD_KEY, THIS_BUILD);
    return true;
  } catch {
    // Storage refused (a privacy mode): without the note, never reload by itself.
    return false;
  }
}

import { lazy } from 'react';

/** When this tab last reloaded itself for code that failed to download (epoch ms, this tab only). */
const RELOADED_AT_KEY = 'mockboard.reloadedForCodeAt';
/** A second failure this soon after such a reload is not a redeploy: show it (ErrorBoundary). */
const RELOAD_AGAIN_AFTER_MS = 30_000;

/**
 * React's `lazy`, for code loaded on first use (pages, the whiteboard). A tab open across a redeploy
 * still asks for its build's files, which the server no longer has: then the tab reloads itself
 * once, quietly, and gets the build the server has now, the loading state staying up meanwhile. If
 * the code fails again within RELOAD_AGAIN_AFTER_MS (the server is down, the network is), the
 * error reaches the nearest ErrorBoundary, which offers the reload by hand: never a reload loop.
 */
export const lazyOrReload: typeof lazy = (load) => lazy(() => load().catch(reloadOnceFor));

function reloadOnceFor(error: unknown): Promise<never> {
  if (!mayReloadNow(Date.now())) return Promise.reject(error);
  window.location.reload();
  // Never settles: the page is going away, and Suspense keeps its loading state until it does.
  return new Promise<never>(() => undefined);
}

function mayReloadNow(now: number): boolean {
  try {
    const last = Number(window.sessionStorage.getItem(RELOADED_AT_KEY));
    if (last > 0 && now - last < RELOAD_AGAIN_AFTER_MS) return false;
    window.sessionStorage.setItem(RELOADED_AT_KEY, String(now));
    return true;
  } catch {
    // Storage refused (a privacy mode): without a note of the last reload, never reload by itself.
    return false;
  }
}

/**
 * Why this browser was signed out behind the page's back, when the server said (a suspension or a
 * ban): kept for the Sign in page the person lands on, for this tab only.
 */
const KEY = 'mockboard:signed-out-reason';

export function rememberSignedOutReason(message: string): void {
  try {
    sessionStorage.setItem(KEY, message);
  } catch {
    // Storage refused (private mode): the person still lands on Sign in, without the reason.
  }
}

export function signedOutReason(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function forgetSignedOutReason(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing was stored.
  }
}

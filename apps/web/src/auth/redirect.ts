/**
 * Where to go after signing in. Only same-site paths are accepted, so a crafted link such as
 * `/signin?next=https://evil.example` cannot bounce a user off the site.
 */
export function safeNextPath(next: string | null, fallback = '/prompts'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}

/** A sign-in or sign-up link that returns to `next` afterwards. */
export function withNext(path: '/signin' | '/signup', next: string | null): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

/** What a request says about the page that sent it. */
export interface RequestSource {
  /** The `Origin` header. */
  origin: string | undefined;
  /** The `Sec-Fetch-Site` header (same-origin, same-site, cross-site or none). */
  secFetchSite: string | undefined;
  /** The `Host` the request reached us by, e.g. "127.0.0.1:3000". */
  host: string | undefined;
}

export type OriginVerdict = { allowed: true } | { allowed: false; reason: string };

/**
 * Cross-site request forgery guard for cookie-authenticated changes and socket handshakes.
 *
 * - With an `Origin`, it must be PUBLIC_URL's origin; without PUBLIC_URL (a newcomer's
 *   `npm start`), the origin the request reached us by (its Host), so localhost:3000,
 *   127.0.0.1:<port> and a LAN address all work in a browser. DNS rebinding cannot abuse that
 *   default: the rebound page's origin is the attacker's host, to which the browser sends none
 *   of our cookies.
 * - Without `Origin`, `Sec-Fetch-Site` must not name another site.
 * - With neither, the request is allowed (as Django and Rails do): browsers send `Origin` on every
 *   cross-origin POST/PUT/PATCH/DELETE and WebSocket handshake, so only non-browser clients (curl,
 *   scripts, server-to-server) arrive without both, and they cannot ride a victim's cookie.
 */
export function judgeOrigin(source: RequestSource, publicUrl: string | null): OriginVerdict {
  if (source.origin !== undefined) {
    if (sameOrigin(source.origin, publicUrl, source.host)) return { allowed: true };
    return { allowed: false, reason: `requests from ${source.origin} are not accepted` };
  }
  const site = source.secFetchSite?.toLowerCase();
  if (site === 'cross-site' || site === 'same-site') {
    return { allowed: false, reason: 'requests from another site are not accepted' };
  }
  return { allowed: true };
}

/** The origin a browser page must have, for messages: PUBLIC_URL, else the request's own. */
export function expectedOrigin(publicUrl: string | null, host: string | undefined): string {
  return publicUrl ?? (host ? `this server's address (${host})` : "this server's address");
}

function sameOrigin(origin: string, publicUrl: string | null, host: string | undefined): boolean {
  // "null" is what sandboxed frames, file: pages and some redirects send: never ours.
  if (!URL.canParse(origin)) return false;
  const from = new URL(origin);
  if (from.protocol !== 'http:' && from.protocol !== 'https:') return false;
  if (publicUrl) return from.origin === publicUrl;
  // Without PUBLIC_URL the scheme a proxy terminated TLS with is unknown here: compare the host
  // (with the port as the Origin's scheme implies it, so "example.com:443" matches https://example.com).
  if (!host || !URL.canParse(`${from.protocol}//${host}`)) return false;
  return new URL(`${from.protocol}//${host}`).host === from.host;
}

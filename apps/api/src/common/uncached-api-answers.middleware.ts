import type { NextFunction, Request, Response } from 'express';

/**
 * API answers are about whoever the session cookie or bearer token names, and a cookie does not
 * stop a shared cache (a proxy or CDN in front of a deployment) from keeping an answer that says
 * nothing about caching and handing it to the next visitor. So every answer under /api says
 * `no-store` by default: no cache keeps it, the browser's own disk cache included (a profile, the
 * secret calendar-feed address). Set before the route runs, so a route that knows better replaces
 * it: an image's year-long immutable copy, the calendar feed's five minutes, and
 * REVALIDATED_API_ANSWER where a repeat is often unchanged and large.
 */
const API_CACHE_CONTROL = 'no-store';

/**
 * Kept by the browser only, and asked for again each time: a 304 without a body while the ETag
 * still matches (the week's open slots: ~190 KiB for 500 slots, sent again on every visit).
 */
export const REVALIDATED_API_ANSWER = 'private, no-cache';

export function uncachedApiAnswers(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Cache-Control', API_CACHE_CONTROL);
  next();
}

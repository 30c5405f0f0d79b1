import type { NextFunction, Request, Response } from 'express';

/**
 * API answers are about whoever the session cookie or bearer token names, and a cookie does not
 * stop a shared cache (a proxy or CDN in front of a deployment) from keeping an answer that says
 * nothing about caching and handing it to the next visitor. So every answer under /api says
 * `private, no-cache`: only the browser keeps it, and it asks again each time, which costs a 304
 * without a body when the answer's ETag still matches. Set before the handler runs, so a route
 * that knows better (the health check's no-store, an image's year-long immutable copy, the
 * calendar feed's five minutes) replaces it.
 */
export const API_CACHE_CONTROL = 'private, no-cache';

export function privateApiAnswers(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Cache-Control', API_CACHE_CONTROL);
  next();
}

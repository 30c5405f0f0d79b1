import type { NextFunction, Request, Response } from 'express';
import type { Socket } from 'socket.io';
import type { ApiError } from '@mockboard/contracts';
import { expectedOrigin, judgeOrigin, type RequestSource } from './origin-policy';

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Changes whose credential is a signed token in the URL, never a cookie, so a cross-site request
 * can do nothing a request from anywhere else could not. RFC 8058 one-click unsubscribe is POSTed
 * by mail providers, and some webmail does it from the reader's browser, with its own Origin.
 */
const TOKEN_AUTHENTICATED_CHANGES = new Set(['POST /api/mail/unsubscribe']);

/**
 * Refuses state-changing requests a browser sent from another site (see judgeOrigin). Requests with
 * `Authorization: Bearer` are exempt: another site's page cannot set that header on our origin
 * without a CORS preflight we never grant, and the token wins over the cookie (AuthTokens).
 * Unauthenticated changes (sign-in, sign-up) are checked too, against login CSRF.
 */
export function refuseCrossSiteChanges(publicUrl: string | null) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!CHANGES.has(request.method) || hasBearer(request.headers.authorization)) return next();
    if (TOKEN_AUTHENTICATED_CHANGES.has(routeOf(request))) return next();
    const verdict = judgeOrigin(sourceOf(request.headers, request.host), publicUrl);
    if (verdict.allowed) return next();
    const body: ApiError = {
      statusCode: 403,
      error: 'Forbidden',
      message: `Cross-site request refused: ${verdict.reason}; open Mockboard at ${expectedOrigin(publicUrl, request.host)} and try again`,
    };
    response.status(403).json(body);
  };
}

/**
 * The same rule for socket.io handshakes (an io middleware): a socket authenticated by its session
 * cookie must come from our own pages; one authenticated with `auth: {token}` is exempt.
 */
export function refuseCrossSiteSockets(publicUrl: string | null) {
  return (socket: Socket, next: (error?: Error) => void): void => {
    const { handshake } = socket;
    if (typeof (handshake.auth as Record<string, unknown> | undefined)?.token === 'string') return next();
    const host = headerValue(handshake.headers.host);
    const verdict = judgeOrigin(sourceOf(handshake.headers, host), publicUrl);
    if (verdict.allowed) return next();
    const message = `forbidden_origin: ${verdict.reason}; open Mockboard at ${expectedOrigin(publicUrl, host)}`;
    const error = new Error(message) as Error & { data?: unknown };
    error.data = { code: 'forbidden_origin', message };
    next(error);
  };
}

function sourceOf(
  headers: Record<string, string | string[] | undefined>,
  host: string | undefined,
): RequestSource {
  return {
    origin: headerValue(headers.origin),
    secFetchSite: headerValue(headers['sec-fetch-site']),
    host,
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** "POST /api/mail/unsubscribe" however Express would route it (any case, a trailing slash). */
function routeOf(request: Request): string {
  return `${request.method} ${request.path.toLowerCase().replace(/\/+$/, '')}`;
}

/** Exactly when AuthTokens.tokenFromRequest reads the header rather than the cookie. */
function hasBearer(authorization: string | undefined): boolean {
  return !!authorization?.startsWith('Bearer ') && authorization.slice('Bearer '.length).trim() !== '';
}

import { ACCOUNT_RESTRICTION_CODES, ApiErrorSchema, type FieldError } from '@mockboard/contracts';
import { rememberSignedOutReason } from '../auth/signed-out-reason';
import type { z } from 'zod';

/**
 * A failed API call, carrying what the user needs: the server's message and, for validation
 * failures, one message per field. `status` is 0 when the server could not be reached at all.
 */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly fields: readonly FieldError[];
  /** The server's name for the error, when it gave one (ApiError.code), e.g. `account_suspended`. */
  readonly code: string | undefined;

  constructor(status: number, message: string, fields: readonly FieldError[] = [], code?: string) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.fields = fields;
    this.code = code;
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Whatever was thrown, as an ApiRequestError a screen can show. */
export function toApiRequestError(error: unknown): ApiRequestError {
  if (error instanceof ApiRequestError) return error;
  return new ApiRequestError(0, 'Something went wrong on this page. Try again.');
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * Calls the API on the same origin and parses the response with its contract schema, so a drift
 * between server and client shows up as a clear error rather than a half-rendered screen.
 * Pass `null` as the schema for responses without a body (204).
 */
export async function request<S extends z.ZodType>(
  path: string,
  schema: S,
  options?: RequestOptions,
): Promise<z.output<S>>;
export async function request(path: string, schema: null, options?: RequestOptions): Promise<void>;
export async function request(
  path: string,
  schema: z.ZodType | null,
  { method = 'GET', body, signal }: RequestOptions = {},
): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetchFromApi(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  if (schema === null || response.status === 204) return undefined;

  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    throw new ApiRequestError(
      response.status,
      'The server sent a response this page does not understand. Try reloading.',
    );
  }
  return parsed.data;
}

/**
 * A call to the API on the same origin, authenticated by the session cookie, for bodies that are
 * not JSON (images): a successful response as it came, anything else as an ApiRequestError.
 */
export async function fetchFromApi(path: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    // The session lives in an httpOnly cookie set by the API on this origin.
    response = await fetch(`/api${path}`, { ...init, credentials: 'same-origin' });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiRequestError(0, 'Could not reach the server. Check your connection and try again.');
  }
  if (!response.ok) {
    const error = await errorFromResponse(response);
    // Signed out behind the page's back (sign-in revoked elsewhere, expired): tell AuthContext.
    if (response.status === 401 && !path.startsWith('/auth/')) {
      // A suspension or ban says so: Sign in, where the person lands, shows why.
      if (isAccountRestriction(error.code)) rememberSignedOutReason(error.message);
      window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
    }
    throw error;
  }
  return response;
}

/** Dispatched on window when an API call answers 401: the browser's sign-in is no longer valid. */
export const SIGNED_OUT_EVENT = 'mockboard:signed-out';

async function errorFromResponse(response: Response): Promise<ApiRequestError> {
  const parsed = ApiErrorSchema.safeParse(await response.json().catch(() => undefined));
  if (parsed.success) {
    return new ApiRequestError(
      response.status,
      parsed.data.message,
      parsed.data.fields ?? [],
      parsed.data.code,
    );
  }
  return new ApiRequestError(response.status, fallbackMessage(response.status));
}

function isAccountRestriction(code: string | undefined): boolean {
  return (Object.values(ACCOUNT_RESTRICTION_CODES) as (string | undefined)[]).includes(code);
}

// Used only when the body is not an ApiError, e.g. a proxy's HTML error page.
function fallbackMessage(status: number): string {
  if (status === 401) return 'Please sign in to continue.';
  if (status === 403) return 'You do not have access to this.';
  if (status === 404) return 'We could not find what you were looking for.';
  if (status === 429) return 'Too many attempts. Wait a minute and try again.';
  if (status >= 500) return 'The server had a problem. Try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}

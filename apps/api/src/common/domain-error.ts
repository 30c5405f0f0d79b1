import type { FieldError, SceneBudget } from '@mockboard/contracts';

/**
 * What went wrong, in the domain's words. Services say which kind of refusal it is; the edges map
 * each kind once: to an HTTP status in the exception filter (`httpStatusOf`) and to a socket ack's
 * code in `toErrorAck` (common/socket-ack.ts).
 */
export const DOMAIN_ERROR_KINDS = [
  /** The request is malformed or breaks a rule of its own content: 400, `bad_request`. */
  'invalid',
  /** Nobody is signed in, or the credential is not accepted: 401, `unauthorized`. */
  'unauthenticated',
  /** Signed in, but not allowed: 403, `forbidden`. */
  'forbidden',
  /** No such thing, or not one the caller may know of: 404; on a socket `forbidden`. */
  'not_found',
  /** The state of things does not allow it now (taken, already done, too late): 409, `conflict`. */
  'conflict',
  /** Over a size or count limit: 413, `too_large`. */
  'too_large',
  /** A body in a type or encoding the server does not read: 415, `bad_request`. */
  'unsupported_media_type',
  /** Too many attempts or messages for now: 429, `rate_limited`. */
  'rate_limited',
  /** One user's or one session's sockets are at their cap: 429, `too_many_sockets`. */
  'too_many_sockets',
  /** A part the answer depends on (the database) is down: 503, `unavailable`. Worth a retry. */
  'unavailable',
  /** Our fault, said in words the client may show (a scene update the writer could not store): 500, `internal`. */
  'internal',
] as const;
export type DomainErrorKind = (typeof DOMAIN_ERROR_KINDS)[number];

export interface DomainErrorDetails {
  /** A stable name a client acts on (`email_unverified`, `token_expired`), sent as the body's `code`. */
  reason?: string;
  /** When a refusal ends (a suspension, a throttle), sent as the body's `until`. */
  until?: Date;
  /** For `invalid` requests: each offending field by name. */
  fields?: FieldError[];
  /** For `too_large` from a scene's limits: which limit is full. */
  budget?: SceneBudget;
  /** Seconds after which a retry may succeed (a throttle), sent as `Retry-After`. */
  retryAfterSeconds?: number;
}

/**
 * A refusal, reported to the client with its message (which says what to fix). It is an answer,
 * not a fault: no stack trace is captured, because under overload thousands of room updates a
 * second are refused and capturing stacks was a twentieth of the server's CPU (bench/realtime).
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
  }
}

const HTTP_STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  too_many_sockets: 429,
  unavailable: 503,
  internal: 500,
};

/** The one HTTP status of each kind. */
export function httpStatusOf(error: DomainError): number {
  return HTTP_STATUS[error.kind];
}

/** Shorthands for the common kinds, so a service reads `throw notFound('No such session')`. */
export const invalid = (message: string, details?: DomainErrorDetails) =>
  new DomainError('invalid', message, details);
export const forbidden = (message: string, details?: DomainErrorDetails) =>
  new DomainError('forbidden', message, details);
export const notFound = (message: string) => new DomainError('not_found', message);
export const conflict = (message: string, details?: DomainErrorDetails) =>
  new DomainError('conflict', message, details);

import { z } from 'zod';

/** One field that failed validation, named by its dotted path (e.g. "timePlan.0.minutes"). */
export const FieldErrorSchema = z.object({
  field: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/**
 * The body of every non-2xx HTTP response. `message` says what to fix; `fields` lists the offending
 * fields when the request body or query failed validation. Never carries a stack trace.
 */
export const ApiErrorSchema = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.string(),
  fields: z.array(FieldErrorSchema).optional(),
  /** A stable name for errors a client acts on (e.g. `email_unverified`), when there is one. */
  code: z.string().optional(),
  /** When the refusal ends, for one that does (`account_suspended`: the end of the suspension). */
  until: z.iso.datetime().optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Error codes carried by socket acks: `{ ok: false, error: { code, message } }`. */
export const SOCKET_ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'conflict',
  'rate_limited',
  'too_large',
  /** One user's sockets, or one session's, are at their cap (SOCKET_CAPS). */
  'too_many_sockets',
  /** The server cannot reach its database: an outage, not a refusal; retry with backoff. */
  'unavailable',
  'internal',
] as const;
export const SocketErrorCodeSchema = z.enum(SOCKET_ERROR_CODES);
export type SocketErrorCode = z.infer<typeof SocketErrorCodeSchema>;

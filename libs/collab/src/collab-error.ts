import { ErrorAckSchema, SocketErrorCodeSchema, type ErrorAck } from '@mockboard/contracts';

export type CollabErrorBody = ErrorAck['error'];

/** A refusal from the server (or of the connection), shaped like an ErrorAck's error. */
export class CollabError extends Error {
  readonly code: CollabErrorBody['code'];

  constructor({ code, message }: CollabErrorBody) {
    super(message);
    this.name = 'CollabError';
    this.code = code;
  }
}

/** The error of an ack that is not the expected answer. */
export function errorOf(raw: unknown): CollabErrorBody {
  const parsed = ErrorAckSchema.safeParse(raw);
  if (parsed.success) return parsed.data.error;
  return { code: 'internal', message: 'The server sent an answer this client does not understand' };
}

/** socket.io's connect_error: an Error with the server's `data` when it refused the handshake. */
export type ConnectError = Error & { data?: { code?: unknown } };

/**
 * Why the server refused the handshake: its `data.code` when it sent one (e.g. too_many_sockets),
 * else a sign-in problem; the message without its leading code, for people.
 */
export function handshakeRefusal(error: ConnectError): CollabErrorBody {
  const code = SocketErrorCodeSchema.safeParse(error.data?.code);
  const known = code.success ? code.data : 'unauthorized';
  return { code: known, message: error.message.replace(`${known}: `, '') };
}

/**
 * Refusals that say nothing about the request itself: the server is busy or cannot reach its
 * database for a moment. The same request is asked again after a pause.
 */
export const isTemporary = (error: CollabErrorBody): boolean =>
  error.code === 'internal' || error.code === 'unavailable';

/** Worth asking again after a pause: refused for its rate, or for now only (isTemporary). */
export const mayLaterSucceed = (error: CollabErrorBody): boolean =>
  error.code === 'rate_limited' || isTemporary(error);

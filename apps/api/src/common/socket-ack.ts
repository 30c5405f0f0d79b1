import { HttpException, type Logger } from '@nestjs/common';
import type { ErrorAck, SocketErrorCode } from '@mockboard/contracts';
import { isDatabaseUnavailable } from '../database/postgres-errors';
import { DomainError, type DomainErrorKind } from './domain-error';

const SOCKET_CODE: Record<DomainErrorKind, SocketErrorCode> = {
  invalid: 'bad_request',
  unauthenticated: 'unauthorized',
  forbidden: 'forbidden',
  // A stranger learns nothing: a session they may not see is answered like one they may not enter.
  not_found: 'forbidden',
  conflict: 'conflict',
  too_large: 'too_large',
  unsupported_media_type: 'bad_request',
  rate_limited: 'rate_limited',
  too_many_sockets: 'too_many_sockets',
  unavailable: 'unavailable',
  internal: 'internal',
};

const CODE_BY_STATUS: Record<number, SocketErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'forbidden',
  409: 'conflict',
  413: 'too_large',
  429: 'rate_limited',
  503: 'unavailable',
};

const NOT_A_PARTICIPANT = 'You are not a participant of this session';

/**
 * The error ack for anything a handler threw: a domain error keeps its message (a `not_found`
 * becomes `forbidden` with a message that tells a stranger nothing); a database outage is
 * `unavailable`, worth a retry; anything else is `internal` and its details stay in the log.
 */
export function toErrorAck(error: unknown): ErrorAck {
  if (error instanceof DomainError) {
    const code = SOCKET_CODE[error.kind];
    const message = error.kind === 'not_found' ? NOT_A_PARTICIPANT : error.message;
    const budget = error.details.budget;
    return { ok: false, error: budget ? { code, message, budget } : { code, message } };
  }
  if (error instanceof HttpException) {
    const code = CODE_BY_STATUS[error.getStatus()] ?? 'bad_request';
    const message = code === 'forbidden' ? NOT_A_PARTICIPANT : error.message;
    return { ok: false, error: { code, message } };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      ok: false,
      error: { code: 'unavailable', message: 'The server cannot reach its database; retrying shortly' },
    };
  }
  return {
    ok: false,
    error: { code: 'internal', message: 'Something went wrong on our side; please retry' },
  };
}

/**
 * Runs one socket event's work and acks with its result, or with the error ack for what it threw.
 * An internal fault is logged with its stack here and reaches the client only as 'internal'.
 */
export async function ackOf<T>(logger: Logger, work: () => Promise<T>): Promise<T | ErrorAck> {
  try {
    return await work();
  } catch (error) {
    const ack = toErrorAck(error);
    if (ack.error.code === 'internal')
      logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return ack;
  }
}

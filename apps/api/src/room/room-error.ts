import { HttpException } from '@nestjs/common';
import type { ErrorAck, SceneBudget, SocketErrorCode } from '@mockboard/contracts';

/**
 * A refusal the room reports to the client as `{ok: false, error: {code, message}}`. It is an
 * answer, not a fault: no stack trace is captured, because under overload thousands of updates a
 * second are refused and capturing stacks was a twentieth of the server's CPU (bench/realtime).
 */
export class RoomError extends Error {
  readonly code: SocketErrorCode;
  /** With `too_large` from a scene's limits: which one is full, for clients to tell apart. */
  readonly budget?: SceneBudget;

  constructor(code: SocketErrorCode, message: string, budget?: SceneBudget) {
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
    this.code = code;
    if (budget) this.budget = budget;
  }
}

const CODE_BY_STATUS: Record<number, SocketErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'forbidden',
  409: 'conflict',
  413: 'too_large',
  429: 'rate_limited',
};

/**
 * The error ack for anything a handler threw. HTTP exceptions from shared services keep their
 * message (a 404 becomes `forbidden`, so a stranger learns nothing); anything else is internal
 * and its details stay in the log.
 */
export function toErrorAck(error: unknown): ErrorAck {
  if (error instanceof RoomError) {
    const { code, message, budget } = error;
    return { ok: false, error: budget ? { code, message, budget } : { code, message } };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = CODE_BY_STATUS[status] ?? 'bad_request';
    const message = code === 'forbidden' ? 'You are not a participant of this session' : error.message;
    return { ok: false, error: { code, message } };
  }
  return {
    ok: false,
    error: { code: 'internal', message: 'Something went wrong on our side; please retry' },
  };
}

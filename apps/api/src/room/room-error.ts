import type { SceneBudget, SocketErrorCode } from '@mockboard/contracts';

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

import type { SessionStatus } from '@mockboard/contracts';

/**
 * The one definition of a completed session, used by every figure that counts sessions (progress's
 * sessions, prompts done, streak, history, trend and calibration; a partner's "sessions completed"):
 * the interview took place and was ended, whether scoring is still open (`scoring`) or closed
 * (`completed`). The clock plays no part: a session held and ended before its scheduled start is
 * as complete as one held on time, and a past session still `scheduled` or `live` is not.
 */
export const COMPLETED_SESSION_STATUSES = [
  'scoring',
  'completed',
] as const satisfies readonly SessionStatus[];

export function isCompletedSession(status: string): boolean {
  return (COMPLETED_SESSION_STATUSES as readonly string[]).includes(status);
}

/** The same rule for SQL: `s.status IN ('scoring', 'completed')` for a sessions alias `s`. */
export function completedSessionSql(alias: string): string {
  return `${alias}.status IN (${COMPLETED_SESSION_STATUSES.map((status) => `'${status}'`).join(', ')})`;
}

/** PostgreSQL's SQLSTATE codes that the app turns into client errors. */
const UNIQUE_VIOLATION = '23505';
const EXCLUSION_VIOLATION = '23P01';
const DEADLOCK_DETECTED = '40P01';

function sqlState(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === UNIQUE_VIOLATION;
}

/** An exclusion constraint refused the row: here, two overlapping calendar entries of one user. */
export function isExclusionViolation(error: unknown): boolean {
  return sqlState(error) === EXCLUSION_VIOLATION;
}

/** PostgreSQL broke a cycle of transactions waiting on each other by aborting this one. */
export function isDeadlock(error: unknown): boolean {
  return sqlState(error) === DEADLOCK_DETECTED;
}

/** SQLSTATEs of a server that is down, restarting or full, rather than of a query that is wrong. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

/**
 * The database could not be reached or dropped the connection: an outage, answered 503 or
 * `unavailable` so clients retry, never mistaken for a refusal. pg-pool says so in words only, as
 * does TypeORM once its connection is closed ('Driver not Connected', the embedded database too).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const state = sqlState(error);
  if (state && (state.startsWith('08') || UNAVAILABLE_STATES.has(state) || UNAVAILABLE_NODE_CODES.has(state)))
    return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|connection error|Cannot use a pool after calling end|Driver not Connected/i.test(
    message,
  );
}

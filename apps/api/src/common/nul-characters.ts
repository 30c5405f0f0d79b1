/**
 * PostgreSQL text and jsonb cannot hold U+0000; a value carrying one would fail in the database
 * (and, inside a shared transaction, take other writes down with it). Refuse it at the boundary.
 */
export function containsNulCharacter(value: unknown): boolean {
  return JSON.stringify(value ?? null).includes('\\u0000');
}

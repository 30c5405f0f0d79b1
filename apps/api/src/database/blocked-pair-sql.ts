/**
 * SQL condition, true when either of two users (SQL expressions for their ids) blocked the other.
 * Blocking is mutual in effect (issue 15): the pair is never matched, never shown each other's open
 * slots and cannot book each other's. Each direction is one probe of a user_blocks index.
 * Kept here, beside the schema, rather than in moderation/: the scheduling repositories read it,
 * and moderation depends on scheduling, so it would close a cycle there.
 */
export function blockedPairSql(userA: string, userB: string): string {
  return `EXISTS (SELECT 1 FROM user_blocks b
            WHERE (b.blocker_id = ${userA} AND b.blocked_id = ${userB})
               OR (b.blocker_id = ${userB} AND b.blocked_id = ${userA}))`;
}

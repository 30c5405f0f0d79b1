import { sessionAllowsSql } from '@mockboard/schedule';

/**
 * Display name, level and reliability counts of a set of users ($1: their ids), for the partner
 * view of a slot, a match or a session. One aggregate per count, each served by an index on the user
 * column, instead of three correlated subqueries per user (those scanned every session once per
 * user: bench/booking). Its own module so that bench/booking's baseline sends exactly this text.
 * "Sessions completed" counts what progress counts (libs/schedule session-lifecycle.ts).
 */
export const PARTNERS_SQL = `WITH completed AS (
         SELECT p.user_id, count(*)::int AS n FROM session_participants p JOIN sessions s ON s.id = p.session_id
         WHERE p.user_id = ANY($1::uuid[]) AND ${sessionAllowsSql('s', 'count_as_completed')} AND NOT p.no_show GROUP BY p.user_id),
       late AS (
         SELECT cancelled_by AS user_id, count(*)::int AS n FROM sessions
         WHERE cancelled_by = ANY($1::uuid[]) AND late_cancellation GROUP BY cancelled_by),
       no_shows AS (
         SELECT user_id, count(*)::int AS n FROM session_participants
         WHERE user_id = ANY($1::uuid[]) AND no_show GROUP BY user_id)
       SELECT u.id, u.display_name, u.target_level, COALESCE(c.n, 0) AS completed, COALESCE(l.n, 0) AS late,
              COALESCE(s.n, 0) AS no_shows
       FROM users u
       LEFT JOIN completed c ON c.user_id = u.id
       LEFT JOIN late l ON l.user_id = u.id
       LEFT JOIN no_shows s ON s.user_id = u.id
       WHERE u.id = ANY($1::uuid[])`;

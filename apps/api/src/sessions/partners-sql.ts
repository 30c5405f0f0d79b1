/**
 * Display name, level and reliability counts of a set of users ($1: their ids), for the partner
 * view of a slot, a match or a session. The counts live on the user row, kept current by triggers
 * in the transaction that completes, cancels or marks a no-show (migration
 * 1766200000000-reliability-on-user-row): counting them from the sessions on every read nearly
 * doubled PostgreSQL's CPU per slot search (bench/booking). Its own module so that bench/booking's
 * baseline sends exactly this text.
 */
export const PARTNERS_SQL = `SELECT id, display_name, target_level, sessions_completed AS completed,
       late_cancellations AS late, no_shows FROM users WHERE id = ANY($1::uuid[])`;

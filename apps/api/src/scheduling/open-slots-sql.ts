import type { TargetLevel } from '@mockboard/contracts';
import { blockedPairSql } from '../database/blocked-pair-sql';

export interface OpenSlotFilter {
  from: Date;
  to: Date;
  level?: TargetLevel;
  /**
   * Only this host's slots, or everyone's but this user's: the viewer's, who is then also not shown
   * the slots of anyone they blocked or who blocked them (issue 15).
   */
  hostId?: string;
  excludeHostId?: string;
  limit: number;
}

/** An instant as `Date.prototype.toISOString` writes it, which the contracts' `z.iso.datetime()` reads. */
const isoInstant = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A slot search's whole response, `SlotListResponse` as JSON text in one row (`body`): open slots
 * starting in [from, to), soonest first (served by the partial index on open slots), each with its
 * host's partner view (name, level, reliability counts kept on the user row).
 *
 * PostgreSQL builds the JSON and the server sends the text as it comes: a week of 500 slots was
 * ~8.5 ms of server CPU per search in row parsing, date parsing, slot views and JSON.stringify
 * (bench/booking), and the hosts' reliability was a second query. Its own module so that
 * bench/booking's baseline sends exactly this text.
 */
export function slotListJsonSql(filter: OpenSlotFilter): { text: string; values: unknown[] } {
  const conditions = [`status = 'open'`, `starts_at >= $1`, `starts_at < $2`, `starts_at > now()`];
  const values: unknown[] = [filter.from, filter.to];
  if (filter.level) {
    values.push(filter.level);
    conditions.push(`level = $${values.length}`);
  }
  if (filter.hostId) {
    values.push(filter.hostId);
    conditions.push(`host_id = $${values.length}`);
  }
  if (filter.excludeHostId) {
    values.push(filter.excludeHostId);
    conditions.push(`host_id <> $${values.length}`);
    conditions.push(`NOT ${blockedPairSql('host_id', `$${values.length}::uuid`)}`);
  }
  const text = `SELECT json_build_object('slots', COALESCE(json_agg(json_build_object(
         'id', s.id,
         'host', json_build_object('id', u.id, 'displayName', u.display_name, 'targetLevel', u.target_level,
           'reliability', json_build_object('sessionsCompleted', u.sessions_completed,
             'lateCancellations', u.late_cancellations, 'noShows', u.no_shows)),
         'startsAt', ${isoInstant('s.starts_at')},
         'endsAt', ${isoInstant('s.ends_at')},
         'durationMinutes', round(extract(epoch FROM s.ends_at - s.starts_at) / 60)::int,
         'format', s.format, 'promptId', s.prompt_id, 'level', s.level, 'hostRole', s.host_role)
         ORDER BY s.starts_at, s.id), '[]'))::text AS body
       FROM (SELECT id, host_id, starts_at, ends_at, format, prompt_id, level, host_role FROM slots
             WHERE ${conditions.join(' AND ')} ORDER BY starts_at, id LIMIT ${filter.limit}) s
       JOIN users u ON u.id = s.host_id`;
  return { text, values };
}

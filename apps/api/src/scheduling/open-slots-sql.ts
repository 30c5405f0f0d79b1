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
  // row_to_json of a row whose column names are the contract's keys writes compact JSON; with
  // string_agg it costs PostgreSQL about a third of nested json_build_object/json_agg calls, and
  // leaves out the spaces and line breaks those add (~10 % of the bytes).
  const text = `SELECT '{"slots":[' || COALESCE(string_agg(row_to_json(slot)::text, ',' ORDER BY s.starts_at, s.id), '')
         || ']}' AS body
       FROM (SELECT id, host_id, starts_at, ends_at, format, prompt_id, level, host_role FROM slots
             WHERE ${conditions.join(' AND ')} ORDER BY starts_at, id LIMIT ${filter.limit}) s
       JOIN users u ON u.id = s.host_id,
       LATERAL (SELECT s.id,
         (SELECT host FROM (SELECT u.id, u.display_name AS "displayName", u.target_level AS "targetLevel",
           (SELECT reliability FROM (SELECT u.sessions_completed AS "sessionsCompleted",
             u.late_cancellations AS "lateCancellations", u.no_shows AS "noShows") reliability) AS reliability) host) AS host,
         ${isoInstant('s.starts_at')} AS "startsAt",
         ${isoInstant('s.ends_at')} AS "endsAt",
         round(extract(epoch FROM s.ends_at - s.starts_at) / 60)::int AS "durationMinutes",
         s.format, s.prompt_id AS "promptId", s.level, s.host_role AS "hostRole") slot`;
  return { text, values };
}

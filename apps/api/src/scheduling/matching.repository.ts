import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SessionFormat, TargetLevel } from '@mockboard/contracts';
import { sessionAllowsSql } from '@mockboard/schedule';
import { blockedPairSql } from '../database/blocked-pair-sql';

export interface PromptPreferences {
  tags?: string[];
  promptIds?: string[];
}

/** A match request as the services see it, in camelCase. */
export interface StoredMatchRequest {
  id: string;
  userId: string;
  practiceNow: boolean;
  startsAt: Date;
  endsAt: Date;
  format: SessionFormat;
  level: TargetLevel | null;
  promptPreferences: PromptPreferences;
  status: 'pending' | 'matched' | 'cancelled' | 'expired';
  sessionId: string | null;
  expiresAt: Date | null;
  createdAt: Date;
}

// The row as PostgreSQL returns it; mapped to StoredMatchRequest before it leaves this file.
interface MatchRequestRow {
  id: string;
  user_id: string;
  practice_now: boolean;
  starts_at: Date;
  ends_at: Date;
  format: SessionFormat;
  level: TargetLevel | null;
  prompt_preferences: PromptPreferences;
  status: StoredMatchRequest['status'];
  session_id: string | null;
  expires_at: Date | null;
  created_at: Date;
}

export interface NewMatchRequest {
  userId: string;
  practiceNow: boolean;
  startsAt: Date;
  endsAt: Date;
  format: SessionFormat;
  level: TargetLevel | null;
  promptPreferences: PromptPreferences;
  expiresAt: Date | null;
}

/**
 * How to rank the compatible requests that wait: `preference` (the matching rules) or `oldest`
 * (a rescue gives the partner who has waited longest).
 */
export type PartnerOrder = 'preference' | 'oldest';

const REPEAT_PARTNER_DAYS = 14;
const LIST_LIMIT = 100;

/** Match requests: queued, paired, cancelled and expired inside the caller's transaction. */
@Injectable()
export class MatchingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Serializes every transaction that matches for one key until it commits, so concurrent
   * requests for one start see each other's requests and nobody is paired twice.
   */
  async lockKey(manager: EntityManager, key: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [key]);
  }

  async insert(manager: EntityManager, request: NewMatchRequest): Promise<StoredMatchRequest> {
    const [row] = (await manager.query(
      `INSERT INTO match_requests (user_id, practice_now, starts_at, ends_at, format, level, prompt_preferences, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [
        request.userId,
        request.practiceNow,
        request.startsAt,
        request.endsAt,
        request.format,
        request.level,
        JSON.stringify(request.promptPreferences),
        request.expiresAt,
      ],
    )) as MatchRequestRow[];
    return toStoredMatchRequest(row!);
  }

  /**
   * The best waiting request to pair `request` with, locked: same format, duration and start (or
   * both practice-now and not expired at `now`). Ranked by: not a partner within 14 days of this
   * start (a repeat only when nobody else waits), same level (the request's, else the user's target level),
   * fewest no-shows plus late cancellations (the counts kept on the user row), oldest.
   * Two people who blocked one another (either way) are never paired (issue 15).
   */
  async lockBestPartner(
    manager: EntityManager,
    request: StoredMatchRequest,
    /** null: the requester has chosen no level, so those who have not either rank first. */
    requesterLevel: TargetLevel | null,
    now: Date,
    order: PartnerOrder,
  ): Promise<StoredMatchRequest | null> {
    const durationMinutes = (request.endsAt.getTime() - request.startsAt.getTime()) / 60_000;
    // $4 is the start both must share: the scheduled start, or `now` for practice-now requests.
    const start = request.practiceNow ? now : request.startsAt;
    const sameStart = request.practiceNow
      ? `m.practice_now AND m.expires_at > $4`
      : `NOT m.practice_now AND m.starts_at = $4`;
    const ranking =
      order === 'oldest'
        ? ''
        : `EXISTS (
             SELECT 1 FROM session_participants mine
             JOIN session_participants theirs ON theirs.session_id = mine.session_id
             JOIN sessions s ON s.id = mine.session_id
             WHERE mine.user_id = $1 AND theirs.user_id = m.user_id AND ${sessionAllowsSql('s', 'stand_as_booked')}
               AND s.starts_at > $4::timestamptz - make_interval(days => ${REPEAT_PARTNER_DAYS})
               AND s.starts_at < $4::timestamptz + make_interval(days => ${REPEAT_PARTNER_DAYS})),
           COALESCE(m.level, u.target_level) IS DISTINCT FROM $5::text,
           u.no_shows + u.late_cancellations,`;
    const parameters: unknown[] = [request.userId, request.format, durationMinutes, start];
    if (order === 'preference') parameters.push(requesterLevel);
    const rows: MatchRequestRow[] = await manager.query(
      `SELECT m.* FROM match_requests m JOIN users u ON u.id = m.user_id
       WHERE m.status = 'pending' AND m.user_id <> $1 AND m.format = $2
         AND m.ends_at - m.starts_at = make_interval(mins => $3::int) AND ${sameStart}
         AND NOT ${blockedPairSql('$1::uuid', 'm.user_id')}
       ORDER BY ${ranking} m.created_at, m.id
       LIMIT 1 FOR UPDATE OF m`,
      parameters,
    );
    return rows[0] ? toStoredMatchRequest(rows[0]) : null;
  }

  async markMatched(manager: EntityManager, ids: string[], sessionId: string): Promise<void> {
    await manager.query(
      `UPDATE match_requests SET status = 'matched', session_id = $2 WHERE id = ANY($1::uuid[])`,
      [ids, sessionId],
    );
  }

  /** Locks the request row so a cancel and a concurrent match cannot both win. */
  async lock(manager: EntityManager, id: string): Promise<StoredMatchRequest | null> {
    const rows: MatchRequestRow[] = await manager.query(
      `SELECT * FROM match_requests WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ? toStoredMatchRequest(rows[0]) : null;
  }

  async markCancelled(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE match_requests SET status = 'cancelled' WHERE id = $1`, [id]);
  }

  /**
   * Expires the pending requests nobody paired in time: practice-now ones past `expires_at` and
   * scheduled ones whose start has passed. Conditional, so concurrent sweepers expire each once.
   */
  async expire(manager: EntityManager, now: Date): Promise<string[]> {
    // Wrapped in a SELECT: for a bare UPDATE … RETURNING the pg driver answers [rows, count] but
    // PGlite answers rows.
    const rows: { id: string }[] = await manager.query(
      `WITH expired AS (
         UPDATE match_requests SET status = 'expired'
         WHERE status = 'pending' AND (expires_at <= $1 OR (NOT practice_now AND starts_at <= $1))
         RETURNING id)
       SELECT id FROM expired`,
      [now],
    );
    return rows.map((row) => row.id);
  }

  /** The display names of the users, keyed by id, for telling partners who they are paired with. */
  async displayNames(manager: EntityManager, userIds: readonly string[]): Promise<Map<string, string>> {
    const rows: { id: string; display_name: string }[] = await manager.query(
      `SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])`,
      [userIds],
    );
    return new Map(rows.map((row) => [row.id, row.display_name]));
  }

  /** The user's own requests, newest first. */
  async forUser(userId: string): Promise<StoredMatchRequest[]> {
    const rows: MatchRequestRow[] = await this.dataSource.query(
      `SELECT * FROM match_requests WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT ${LIST_LIMIT}`,
      [userId],
    );
    return rows.map(toStoredMatchRequest);
  }
}

function toStoredMatchRequest(row: MatchRequestRow): StoredMatchRequest {
  return {
    id: row.id,
    userId: row.user_id,
    practiceNow: row.practice_now,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    format: row.format,
    level: row.level,
    promptPreferences: row.prompt_preferences,
    status: row.status,
    sessionId: row.session_id,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  };
}

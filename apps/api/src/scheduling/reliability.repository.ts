import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Partner, Reliability } from '@mockboard/contracts';

interface PartnerRow {
  id: string;
  display_name: string;
  target_level: Partner['targetLevel'];
  completed: number;
  late: number;
  no_shows: number;
}

/** How dependable users have been: sessions completed, late cancellations, no-shows. */
@Injectable()
export class ReliabilityRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The partner view (name, level, reliability) of each user, keyed by id. */
  async partners(userIds: readonly string[]): Promise<Map<string, Partner>> {
    if (userIds.length === 0) return new Map();
    // One aggregate per count, each served by an index on the user column, instead of three
    // correlated subqueries per user.
    const rows: PartnerRow[] = await this.dataSource.query(
      `WITH completed AS (
         SELECT p.user_id, count(*)::int AS n FROM session_participants p JOIN sessions s ON s.id = p.session_id
         WHERE p.user_id = ANY($1::uuid[]) AND s.status = 'completed' AND NOT p.no_show GROUP BY p.user_id),
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
       WHERE u.id = ANY($1::uuid[])`,
      [[...new Set(userIds)]],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        {
          id: row.id,
          displayName: row.display_name,
          targetLevel: row.target_level,
          reliability: {
            sessionsCompleted: row.completed,
            lateCancellations: row.late,
            noShows: row.no_shows,
          },
        },
      ]),
    );
  }

  async of(userId: string): Promise<Reliability> {
    const partner = (await this.partners([userId])).get(userId);
    return partner?.reliability ?? { sessionsCompleted: 0, lateCancellations: 0, noShows: 0 };
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Partner, Reliability } from '@mockboard/contracts';
import { PARTNERS_SQL } from './partners-sql';

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
    const rows: PartnerRow[] = await this.dataSource.query(PARTNERS_SQL, [[...new Set(userIds)]]);
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

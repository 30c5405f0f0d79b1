import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A participant of a scheduled peer session, with its start: someone a reminder may be due to. */
export interface UpcomingParticipant {
  session_id: string;
  user_id: string;
  starts_at: Date;
}

/** The query behind reminder mails. */
@Injectable()
export class SessionRemindersRepository {
  /** Participants of scheduled peer sessions starting in (from, to]. */
  async upcomingParticipants(manager: EntityManager, from: Date, to: Date): Promise<UpcomingParticipant[]> {
    return manager.query(
      `SELECT s.id AS session_id, p.user_id, s.starts_at
       FROM sessions s JOIN session_participants p ON p.session_id = s.id
       WHERE s.kind = 'peer' AND s.status = 'scheduled' AND s.starts_at > $1 AND s.starts_at <= $2
       ORDER BY s.starts_at, s.id, p.user_id`,
      [from, to],
    );
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { sessionAllowsSql } from '@mockboard/schedule';

/** A participant of a scheduled peer session, with its start: someone a reminder may be due to. */
export interface UpcomingParticipant {
  sessionId: string;
  userId: string;
  startsAt: Date;
  /** When the current start was agreed (booking or last accepted move): see dueReminderOffset. */
  startAgreedAt: Date;
}

/** The reads behind reminder mails: both read only, so a sweep with nothing new writes nothing. */
@Injectable()
export class SessionRemindersRepository {
  /** Participants of scheduled peer sessions starting in (from, to]. */
  async upcomingParticipants(manager: EntityManager, from: Date, to: Date): Promise<UpcomingParticipant[]> {
    const rows: { session_id: string; user_id: string; starts_at: Date; start_agreed_at: Date }[] =
      await manager.query(
        `SELECT s.id AS session_id, p.user_id, s.starts_at, s.start_agreed_at
       FROM sessions s JOIN session_participants p ON p.session_id = s.id
       WHERE s.kind = 'peer' AND ${sessionAllowsSql('s', 'remind')} AND s.starts_at > $1 AND s.starts_at <= $2
       ORDER BY s.starts_at, s.id, p.user_id`,
        [from, to],
      );
    return rows.map((row) => ({
      sessionId: row.session_id,
      userId: row.user_id,
      startsAt: new Date(row.starts_at),
      startAgreedAt: new Date(row.start_agreed_at),
    }));
  }

  /**
   * Which of `dedupeKeys` are already in the mail queue. The keys come from the request builders
   * (reminderMail), never rebuilt here, so MailService.enqueue's key stays the one definition; the
   * lookup is by outgoing_mail's unique dedupe_key index.
   */
  async alreadyQueued(manager: EntityManager, dedupeKeys: readonly string[]): Promise<Set<string>> {
    if (dedupeKeys.length === 0) return new Set();
    const rows: { dedupe_key: string }[] = await manager.query(
      `SELECT dedupe_key FROM outgoing_mail WHERE dedupe_key = ANY($1::text[])`,
      [dedupeKeys],
    );
    return new Set(rows.map((row) => row.dedupe_key));
  }
}

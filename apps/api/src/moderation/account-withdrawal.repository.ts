import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { sessionAllowsSql } from '@mockboard/schedule';

/** A session of the restricted user that has not started, with the people booked into it beside them. */
export interface UpcomingSession {
  id: string;
  startsAt: Date;
  partnerIds: string[];
}

/**
 * What a suspension or ban takes off the calendar: the account's open slots, pending match
 * requests and scheduled sessions, each changed only from the state that allows it (so a booking
 * or a match that committed first is seen, not overwritten). The calendar entries are released by
 * the caller through CalendarService, as sessions and scheduling do for their own cancellations.
 */
@Injectable()
export class AccountWithdrawalRepository {
  // Each UPDATE … RETURNING is wrapped in a SELECT: for a bare one the pg driver answers
  // [rows, count] but PGlite answers rows.

  async withdrawOpenSlots(manager: EntityManager, userId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `WITH withdrawn AS (
         UPDATE slots SET status = 'withdrawn' WHERE host_id = $1 AND status = 'open' RETURNING id)
       SELECT id FROM withdrawn`,
      [userId],
    );
    return rows.map((row) => row.id);
  }

  async cancelPendingMatchRequests(manager: EntityManager, userId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `WITH cancelled AS (
         UPDATE match_requests SET status = 'cancelled' WHERE user_id = $1 AND status = 'pending' RETURNING id)
       SELECT id FROM cancelled`,
      [userId],
    );
    return rows.map((row) => row.id);
  }

  /** The user's sessions that can still be cancelled (not started), locked, with their partners. */
  async lockUpcomingSessions(manager: EntityManager, userId: string): Promise<UpcomingSession[]> {
    return manager.query(
      `SELECT s.id, s.starts_at AS "startsAt",
              ARRAY(SELECT other.user_id FROM session_participants other
                    WHERE other.session_id = s.id AND other.user_id <> $1) AS "partnerIds"
       FROM sessions s
       WHERE ${sessionAllowsSql('s', 'change_booking')}
         AND EXISTS (SELECT 1 FROM session_participants p WHERE p.session_id = s.id AND p.user_id = $1)
       ORDER BY s.starts_at
       FOR UPDATE OF s`,
      [userId],
    );
  }

  /**
   * Cancels a session by the moderators' decision: cancelled_by stays null, so the session page,
   * its calendar file and the mail say the moderators cancelled it and name no participant (the
   * restricted user did not choose to cancel). Not a late cancellation: nobody's reliability
   * figures count a moderator's decision.
   */
  async cancelSession(manager: EntityManager, sessionId: string, reason: string): Promise<void> {
    await manager.query(
      `UPDATE sessions SET status = 'cancelled', cancelled_by = NULL, cancel_reason = $2, cancelled_at = now(),
         late_cancellation = false WHERE id = $1 AND ${sessionAllowsSql('sessions', 'change_booking')}`,
      [sessionId, reason],
    );
    await manager.query(
      `UPDATE reschedule_proposals SET status = 'withdrawn' WHERE session_id = $1 AND status = 'pending'`,
      [sessionId],
    );
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isDeadlock, isExclusionViolation } from '../database/postgres-errors';
import { conflict } from '../common/domain-error';
import { prepared, queryPrepared } from '../database/prepared-statement';

/** What a calendar entry belongs to: exactly one of a slot, a match request or a session. */
export type CalendarSource = { slotId: string } | { matchRequestId: string } | { sessionId: string };

const OVERLAP_MESSAGE =
  'That time overlaps a session, open slot or match request you already have; pick another time';

function column(source: CalendarSource): { name: string; id: string } {
  if ('slotId' in source) return { name: 'slot_id', id: source.slotId };
  if ('matchRequestId' in source) return { name: 'match_request_id', id: source.matchRequestId };
  return { name: 'session_id', id: source.sessionId };
}

/**
 * Users' busy periods. The table's exclusion constraint refuses overlapping periods of one user;
 * this repository turns that refusal into a 409 with `message` (or a default that says what to do).
 */
@Injectable()
export class CalendarRepository {
  async reserve(
    manager: EntityManager,
    userId: string,
    period: { start: Date; end: Date },
    source: CalendarSource,
    message = OVERLAP_MESSAGE,
  ): Promise<void> {
    const { name, id } = column(source);
    await this.refuseOverlap(message, () =>
      queryPrepared(
        manager,
        prepared(
          `INSERT INTO calendar_entries (user_id, period, ${name}) VALUES ($1, tstzrange($2, $3, '[)'), $4)`,
        ),
        [userId, period.start, period.end, id],
      ),
    );
  }

  /** Re-labels a slot's or a match request's entries as the session's, keeping their periods. */
  async convertToSession(manager: EntityManager, from: CalendarSource, sessionId: string): Promise<void> {
    const { name, id } = column(from);
    await queryPrepared(
      manager,
      prepared(`UPDATE calendar_entries SET ${name} = NULL, session_id = $2 WHERE ${name} = $1`),
      [id, sessionId],
    );
  }

  /**
   * A booked slot's entry becomes the session's and the booker's entry is added, in one statement
   * (a booking's round trips are most of its cost: README, "Why the ratios stay where they are").
   * The two rows belong to different users, so the update cannot make the insert overlap.
   */
  async bookSlotPeriod(
    manager: EntityManager,
    slotId: string,
    sessionId: string,
    booker: { userId: string; period: { start: Date; end: Date } },
    message = OVERLAP_MESSAGE,
  ): Promise<void> {
    await this.refuseOverlap(message, () =>
      queryPrepared(
        manager,
        prepared(
          `WITH hosts AS (UPDATE calendar_entries SET slot_id = NULL, session_id = $2 WHERE slot_id = $1)
           INSERT INTO calendar_entries (user_id, period, session_id) VALUES ($3, tstzrange($4, $5, '[)'), $2)`,
        ),
        [slotId, sessionId, booker.userId, booker.period.start, booker.period.end],
      ),
    );
  }

  async moveSession(
    manager: EntityManager,
    sessionId: string,
    period: { start: Date; end: Date },
    message = OVERLAP_MESSAGE,
  ): Promise<void> {
    await this.refuseOverlap(message, () =>
      manager.query(`UPDATE calendar_entries SET period = tstzrange($2, $3, '[)') WHERE session_id = $1`, [
        sessionId,
        period.start,
        period.end,
      ]),
    );
  }

  /**
   * A session that ended early holds its participants' time only until now: the rest of its
   * period is free to book (an entry that had not begun becomes empty, which overlaps nothing).
   */
  async endSessionNow(manager: EntityManager, sessionId: string): Promise<void> {
    await queryPrepared(
      manager,
      prepared(
        `UPDATE calendar_entries
           SET period = tstzrange(lower(period), GREATEST(lower(period), clock_timestamp()), '[)')
         WHERE session_id = $1 AND upper(period) > clock_timestamp()`,
      ),
      [sessionId],
    );
  }

  async release(manager: EntityManager, source: CalendarSource): Promise<void> {
    const { name, id } = column(source);
    await manager.query(`DELETE FROM calendar_entries WHERE ${name} = $1`, [id]);
  }

  /**
   * Two transactions that write overlapping periods of one user at the same moment each insert
   * their row, then each checks the exclusion constraint, finds the other's row not yet committed
   * and waits for it: PostgreSQL breaks that cycle by aborting one with a deadlock. Its write
   * overlapped the other's just as surely as one refused by the constraint, so it gets the same
   * 409 (10 simultaneous offers by one user got nine 500s in CI before this).
   */
  private async refuseOverlap(message: string, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (isExclusionViolation(error) || isDeadlock(error)) throw conflict(message);
      throw error;
    }
  }
}

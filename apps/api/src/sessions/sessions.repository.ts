import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { prepared, queryPrepared, type PreparedStatement } from '../database/prepared-statement';
import { sessionAllowsSql, statusInSql, statusesMovingTo } from '@mockboard/schedule';
import { toSessionRecord, type SessionRecordRow } from './session-rows';
import { sessionRecordsSql } from './session-records-sql';
import type { NewSession, SessionRecord } from './session-record';
import { CREATE_SESSION_SQL } from './create-session-sql';

const CREATE_SESSION = prepared(CREATE_SESSION_SQL);
const PROMPTS_ASKED_OF = prepared(
  `SELECT DISTINCT r.prompt_id FROM session_rounds r JOIN sessions s ON s.id = r.session_id
   WHERE r.candidate_id = $1 AND r.prompt_id IS NOT NULL AND ${sessionAllowsSql('s', 'stand_as_booked')}`,
);
const RECORD_BY_ID = prepared(sessionRecordsSql(`FROM sessions s WHERE s.id = $1`));
const LOCKED_RECORD_BY_ID = prepared(sessionRecordsSql(`FROM sessions s WHERE s.id = $1 FOR UPDATE OF s`));
const RECORDS_OF_USER = prepared(
  sessionRecordsSql(
    `FROM sessions s JOIN session_participants me ON me.session_id = s.id
     WHERE me.user_id = $1 ORDER BY s.starts_at`,
  ),
);

/** Sessions, their participants and rounds: creation inside a transaction, and reads. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The session, its participants and its rounds in one statement: a booking is a chain of round
   * trips, each holding a pooled connection and the slot's lock (bench/booking). The foreign keys
   * to the new session are checked at the end of the statement, once its row exists.
   */
  async create(manager: EntityManager, session: NewSession): Promise<string> {
    const [row] = await queryPrepared<{ id: string }[]>(manager, CREATE_SESSION, [
      session.kind,
      session.format,
      session.startsAt,
      session.endsAt,
      session.rescuedFrom ?? null,
      session.participantIds,
      session.rounds.map((round) => round.number),
      session.rounds.map((round) => round.interviewerId),
      session.rounds.map((round) => round.candidateId),
      session.rounds.map((round) => round.promptId),
    ]);
    return row!.id;
  }

  /** Locks the session row for the rest of the transaction, so concurrent changes queue up. */
  async lock(manager: EntityManager, sessionId: string): Promise<SessionRecord | null> {
    return this.first(manager, LOCKED_RECORD_BY_ID, [sessionId]);
  }

  find(sessionId: string): Promise<SessionRecord | null> {
    return this.first(this.dataSource.manager, RECORD_BY_ID, [sessionId]);
  }

  /** Every session the user takes part in, soonest first. */
  async forUser(userId: string): Promise<SessionRecord[]> {
    const rows = await queryPrepared<SessionRecordRow[]>(this.dataSource, RECORDS_OF_USER, [userId]);
    return rows.map(toSessionRecord);
  }

  /** Prompts the user has already been asked as a candidate (in sessions that were not cancelled). */
  async promptsAskedOf(
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Set<string>> {
    const rows = await queryPrepared<{ prompt_id: string }[]>(manager, PROMPTS_ASKED_OF, [userId]);
    return new Set(rows.map((row) => row.prompt_id));
  }

  /** The round's prompt as stored now (a join reads it once in the room, not before). */
  async roundPromptId(sessionId: string, round: number): Promise<string | null> {
    const rows = (await this.dataSource.query(
      `SELECT prompt_id FROM session_rounds WHERE session_id = $1 AND number = $2`,
      [sessionId, round],
    )) as { prompt_id: string | null }[];
    return rows[0]?.prompt_id ?? null;
  }

  /**
   * The round session `sessionId`'s room is on, or null before the room first opened. Read in
   * `manager`'s transaction, it is held until that transaction ends: a swap waits for it.
   */
  async roomRound(sessionId: string, manager?: EntityManager): Promise<number | null> {
    const rows = (await (manager ?? this.dataSource).query(
      `SELECT round FROM room_state WHERE session_id = $1${manager ? ' FOR SHARE' : ''}`,
      [sessionId],
    )) as { round: number }[];
    return rows[0] ? Number(rows[0].round) : null;
  }

  async setRoundPrompt(
    manager: EntityManager,
    sessionId: string,
    round: number,
    promptId: string,
  ): Promise<void> {
    await manager.query(`UPDATE session_rounds SET prompt_id = $3 WHERE session_id = $1 AND number = $2`, [
      sessionId,
      round,
      promptId,
    ]);
  }

  /**
   * Ends the session as cancelled by `cancel.by`, with the reason and whether it came late. The
   * caller checked the locked session may still change; the status condition keeps the UPDATE safe alone.
   */
  async markCancelled(
    manager: EntityManager,
    sessionId: string,
    cancel: { by: string; reason: string; at: Date; late: boolean },
  ): Promise<void> {
    await manager.query(
      `UPDATE sessions SET status = 'cancelled', cancelled_by = $2, cancel_reason = $3, cancelled_at = $4,
         late_cancellation = $5 WHERE id = $1 AND ${statusInSql('sessions', statusesMovingTo('cancelled'))}`,
      [sessionId, cancel.by, cancel.reason, cancel.at, cancel.late],
    );
  }

  /**
   * Moves the session to a new period. start_agreed_at: reminders whose moment is already past are
   * not sent (the moved mail says it); the starting-soon notification is due again.
   */
  async moveTo(manager: EntityManager, sessionId: string, startsAt: Date, endsAt: Date): Promise<void> {
    await manager.query(
      `UPDATE sessions SET starts_at = $2, ends_at = $3, starting_soon_notified = false, start_agreed_at = now()
       WHERE id = $1`,
      [sessionId, startsAt, endsAt],
    );
  }

  /** The first entry of each participant counts; a later one keeps it. */
  async markJoined(manager: EntityManager, sessionId: string, userId: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE session_participants SET joined_at = COALESCE(joined_at, $3) WHERE session_id = $1 AND user_id = $2`,
      [sessionId, userId, at],
    );
  }

  /** A scheduled session goes live; any other status stays. */
  async markLive(manager: EntityManager, sessionId: string): Promise<void> {
    await manager.query(
      `UPDATE sessions s SET status = 'live' WHERE s.id = $1 AND ${statusInSql('s', statusesMovingTo('live'))}`,
      [sessionId],
    );
  }

  async setSharesContact(
    manager: EntityManager,
    sessionId: string,
    userId: string,
    share: boolean,
  ): Promise<void> {
    await manager.query(
      `UPDATE session_participants SET shares_contact = $3 WHERE session_id = $1 AND user_id = $2`,
      [sessionId, userId, share],
    );
  }

  private async first(
    manager: EntityManager,
    statement: PreparedStatement,
    params: unknown[],
  ): Promise<SessionRecord | null> {
    const rows = await queryPrepared<SessionRecordRow[]>(manager, statement, params);
    return rows[0] ? toSessionRecord(rows[0]) : null;
  }
}

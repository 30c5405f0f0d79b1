import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { InterviewPhase } from '@mockboard/contracts';
import { sessionAllowsSql } from '@mockboard/schedule';
import { COMPLETE_WHEN_SCORED_SQL, MARK_SKIPPED_ROUNDS_SQL } from '../sessions/session-completion-sql';

/** A room's round and phase, and when (server time) the phase started. */
export interface RoomState {
  sessionId: string;
  round: number;
  phase: InterviewPhase;
  phaseStartedAt: Date;
}

/** An interviewer's notes for a round as stored: the text and its revision (1 for the first save). */
export interface StoredNotes {
  text: string;
  revision: number;
}

interface RoomStateRow {
  session_id: string;
  round: number | string;
  phase: InterviewPhase;
  phase_started_at: Date;
}

function toRoomState(row: RoomStateRow): RoomState {
  return {
    sessionId: row.session_id,
    round: Number(row.round),
    phase: row.phase,
    phaseStartedAt: row.phase_started_at,
  };
}

/**
 * LOCK_ORDER: a transaction that locks both a session's row and its room's (room_state) takes the
 * session's first: ending the interview, a swap or phase change here, choosing a round's prompt
 * (RoundPromptsService) and the clock's sweep all do, so no two of them deadlock.
 */

/**
 * Each room's round and phase (with the server time the phase started), interviewers' notes, and
 * the end of the interview (the session's move to scoring).
 */
@Injectable()
export class RoomStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The room's state, created on first use with `firstPhase` starting now. */
  async getOrCreate(sessionId: string, firstPhase: InterviewPhase): Promise<RoomState> {
    await this.dataSource.query(
      `INSERT INTO room_state (session_id, phase) VALUES ($1, $2) ON CONFLICT (session_id) DO NOTHING`,
      [sessionId, firstPhase],
    );
    const [row] = (await this.dataSource.query(`SELECT * FROM room_state WHERE session_id = $1`, [
      sessionId,
    ])) as RoomStateRow[];
    return toRoomState(row!);
  }

  /**
   * Moves the clock to `phase`, logging the change for the replay's markers; null when the
   * interview has ended meanwhile.
   */
  changePhase(sessionId: string, phase: InterviewPhase): Promise<RoomState | null> {
    return this.update(sessionId, phase, null);
  }

  /**
   * Moves from round `fromRound` to `toRound` starting at `phase`; null when the room had already
   * left `fromRound` (a concurrent swap), so a swap happens once, or the interview has ended.
   */
  swapRound(sessionId: string, phase: InterviewPhase, fromRound: number, toRound: number) {
    return this.update(sessionId, phase, { fromRound, toRound });
  }

  /**
   * Starts round `round` again at `phase` from now, if the room is on that round, still in
   * `unmovedPhase` and untouched (no stroke on its board, no phase change); null otherwise. For a
   * round whose prompt arrived after its room opened: its clock starts with the prompt, unless the
   * interview had already begun on a problem of its own (then the prompt only records it).
   */
  startRoundAgain(
    sessionId: string,
    round: number,
    unmovedPhase: InterviewPhase,
    phase: InterviewPhase,
  ): Promise<RoomState | null> {
    return this.update(sessionId, phase, null, { round, phase: unmovedPhase });
  }

  private update(
    sessionId: string,
    phase: InterviewPhase,
    swap: { fromRound: number; toRound: number } | null,
    onlyIfStill?: { round: number; phase: InterviewPhase },
  ): Promise<RoomState | null> {
    return this.dataSource.transaction(async (manager) => {
      // The session's row first, then its room's (LOCK_ORDER), and only while the room is open:
      // an interview ended by its End or by the clock moves on no more.
      const open = (await manager.query(
        `SELECT 1 FROM sessions WHERE id = $1 AND ${sessionAllowsSql('sessions', 'use_room')} FOR SHARE`,
        [sessionId],
      )) as unknown[];
      if (open.length === 0) return null;
      // Wrapped in a CTE because TypeORM returns [rows, count] for a bare UPDATE … RETURNING.
      const [row] = (await manager.query(
        `WITH changed AS (
           UPDATE room_state SET phase = $2, round = COALESCE($3, round), phase_started_at = clock_timestamp()
           WHERE session_id = $1 AND ($4::smallint IS NULL OR round = $4)
             AND ($5::smallint IS NULL OR (round = $5 AND phase = $6
               -- Untouched: no stroke drawn and no phase moved on this round's board yet.
               AND NOT EXISTS (SELECT 1 FROM room_events e
                               WHERE e.session_id = $1 AND e.round = $5 AND e.kind IN ('scene', 'phase'))))
           RETURNING *)
         SELECT * FROM changed`,
        [
          sessionId,
          phase,
          swap?.toRound ?? null,
          swap?.fromRound ?? null,
          onlyIfStill?.round ?? null,
          onlyIfStill?.phase ?? null,
        ],
      )) as RoomStateRow[];
      if (!row) return null;
      await manager.query(
        `INSERT INTO room_events (session_id, kind, phase, round) VALUES ($1, $2, $3, $4)`,
        [sessionId, swap ? 'round' : 'phase', phase, Number(row.round)],
      );
      return toRoomState(row);
    });
  }

  async notes(sessionId: string, round: number, authorId: string): Promise<StoredNotes | null> {
    const [row] = (await this.dataSource.query(
      `SELECT text, revision FROM interviewer_notes WHERE session_id = $1 AND round = $2 AND author_id = $3`,
      [sessionId, round, authorId],
    )) as { text: string; revision: number | string }[];
    return row ? { text: row.text, revision: Number(row.revision) } : null;
  }

  /** Stores the notes as their next revision, and returns it. */
  async saveNotes(sessionId: string, round: number, authorId: string, text: string): Promise<number> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO interviewer_notes AS stored (session_id, round, author_id, text) VALUES ($1, $2, $3, $4)
       ON CONFLICT (session_id, round, author_id) DO UPDATE
         SET text = excluded.text, updated_at = now(), revision = stored.revision + 1
       RETURNING revision`,
      [sessionId, round, authorId, text],
    )) as { revision: number | string }[];
    return Number(row!.revision);
  }

  /**
   * Ends the interview: the session moves to scoring while the room is open, and only once every
   * participant has joined (an interview nobody attended must not get there). The rounds it never
   * reached are marked skipped, and a session whose feedback is already in completes. `whenEnded`
   * runs in the same transaction once it ended, so what else ending changes commits with it.
   */
  async endInterview(
    sessionId: string,
    whenEnded?: (manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // The session's row, then the room's (LOCK_ORDER). The room's round is read to mark what was
      // skipped: a swap waits until this end commits.
      await manager.query(`SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE`, [sessionId]);
      await manager.query(`SELECT round FROM room_state WHERE session_id = $1 FOR UPDATE`, [sessionId]);
      // Wrapped in a CTE because TypeORM returns [rows, count] for a bare UPDATE … RETURNING.
      const ended = (await manager.query(
        `WITH ended AS (
           UPDATE sessions SET status = 'scoring' WHERE id = $1 AND ${sessionAllowsSql('sessions', 'use_room')}
             AND NOT EXISTS (SELECT 1 FROM session_participants WHERE session_id = $1 AND joined_at IS NULL)
           RETURNING id)
         SELECT id FROM ended`,
        [sessionId],
      )) as { id: string }[];
      if (ended.length === 0) return;
      await manager.query(MARK_SKIPPED_ROUNDS_SQL, [sessionId]);
      // Feedback written during the interview may be all there is to wait for.
      await manager.query(COMPLETE_WHEN_SCORED_SQL, [sessionId]);
      await whenEnded?.(manager);
    });
  }
}

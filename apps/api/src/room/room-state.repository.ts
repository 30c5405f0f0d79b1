import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { InterviewPhase } from '@mockboard/contracts';

export interface RoomStateRow {
  session_id: string;
  round: number;
  phase: InterviewPhase;
  phase_started_at: Date;
}

/** Each room's round and phase (with the server time the phase started), and interviewers' notes. */
@Injectable()
export class RoomStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The room's state, created on first use with `firstPhase` starting now. */
  async getOrCreate(sessionId: string, firstPhase: InterviewPhase): Promise<RoomStateRow> {
    await this.dataSource.query(
      `INSERT INTO room_state (session_id, phase) VALUES ($1, $2) ON CONFLICT (session_id) DO NOTHING`,
      [sessionId, firstPhase],
    );
    const [row] = (await this.dataSource.query(`SELECT * FROM room_state WHERE session_id = $1`, [
      sessionId,
    ])) as RoomStateRow[];
    return { ...row!, round: Number(row!.round) };
  }

  /** Moves to `phase` (and optionally `round`), logging the change for the replay's markers. */
  async change(sessionId: string, phase: InterviewPhase, round?: number): Promise<RoomStateRow> {
    return this.dataSource.transaction(async (manager) => {
      // Wrapped in a CTE because TypeORM returns [rows, count] for a bare UPDATE … RETURNING.
      const [row] = (await manager.query(
        `WITH changed AS (
           UPDATE room_state SET phase = $2, round = COALESCE($3, round), phase_started_at = clock_timestamp()
           WHERE session_id = $1 RETURNING *)
         SELECT * FROM changed`,
        [sessionId, phase, round ?? null],
      )) as RoomStateRow[];
      await manager.query(
        `INSERT INTO room_events (session_id, kind, phase, round) VALUES ($1, $2, $3, $4)`,
        [sessionId, round === undefined ? 'phase' : 'round', phase, row!.round],
      );
      return { ...row!, round: Number(row!.round) };
    });
  }

  async notes(sessionId: string, round: number, authorId: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(
      `SELECT text FROM interviewer_notes WHERE session_id = $1 AND round = $2 AND author_id = $3`,
      [sessionId, round, authorId],
    )) as { text: string }[];
    return row?.text ?? null;
  }

  async saveNotes(sessionId: string, round: number, authorId: string, text: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO interviewer_notes (session_id, round, author_id, text) VALUES ($1, $2, $3, $4)
       ON CONFLICT (session_id, round, author_id) DO UPDATE SET text = excluded.text, updated_at = now()`,
      [sessionId, round, authorId, text],
    );
  }
}

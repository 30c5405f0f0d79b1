import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** A candidate's private rating of a round's interviewer. */
export interface StoredRating {
  sessionId: string;
  round: number;
  raterId: string;
  interviewerId: string;
  clarity: number;
  helpfulness: number;
  comment: string;
  updatedAt: Date;
}

/** A rating with the prompt of its round, without who gave or received it: what calibration reads. */
export interface PromptRating {
  promptId: string;
  clarity: number;
  helpfulness: number;
}

interface RatingRow {
  session_id: string;
  round: number;
  rater_id: string;
  interviewer_id: string;
  clarity: number;
  helpfulness: number;
  comment: string;
  updated_at: Date;
}

/** smallint columns arrive as numbers from both drivers; normalised defensively anyway. */
function toStoredRating(row: RatingRow): StoredRating {
  return {
    sessionId: row.session_id,
    round: Number(row.round),
    raterId: row.rater_id,
    interviewerId: row.interviewer_id,
    clarity: Number(row.clarity),
    helpfulness: Number(row.helpfulness),
    comment: row.comment,
    updatedAt: row.updated_at,
  };
}

/** Every query on `interviewer_ratings`: candidates' ratings of their interviewers. */
@Injectable()
export class InterviewerRatingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async forSessions(
    sessionIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StoredRating[]> {
    if (sessionIds.length === 0) return [];
    const rows: RatingRow[] = await manager.query(
      `SELECT * FROM interviewer_ratings WHERE session_id = ANY($1::uuid[]) ORDER BY session_id, round`,
      [sessionIds],
    );
    return rows.map(toStoredRating);
  }

  /** Inserts the round's rating or replaces its content. */
  async save(
    manager: EntityManager,
    rating: Omit<StoredRating, 'updatedAt'>,
    now: Date,
  ): Promise<StoredRating> {
    const [row] = (await manager.query(
      `INSERT INTO interviewer_ratings (session_id, round, rater_id, interviewer_id, clarity, helpfulness, comment,
         created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
       ON CONFLICT (session_id, round) DO UPDATE SET clarity = excluded.clarity,
         helpfulness = excluded.helpfulness, comment = excluded.comment, updated_at = excluded.updated_at
       RETURNING *`,
      [
        rating.sessionId,
        rating.round,
        rating.raterId,
        rating.interviewerId,
        rating.clarity,
        rating.helpfulness,
        rating.comment,
        now,
      ],
    )) as RatingRow[];
    return toStoredRating(row!);
  }

  /** Every rating with the prompt of its round, for calibration. */
  async withPrompt(): Promise<PromptRating[]> {
    const rows: { prompt_id: string; clarity: number; helpfulness: number }[] = await this.dataSource.query(
      `SELECT r.prompt_id, i.clarity, i.helpfulness
       FROM interviewer_ratings i JOIN session_rounds r ON r.session_id = i.session_id AND r.number = i.round
       WHERE r.prompt_id IS NOT NULL`,
    );
    return rows.map((row) => ({
      promptId: row.prompt_id,
      clarity: Number(row.clarity),
      helpfulness: Number(row.helpfulness),
    }));
  }
}

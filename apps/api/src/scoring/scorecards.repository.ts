import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Scorecard, ScorecardKind, ScoreLevel, TargetLevel } from '@mockboard/contracts';
import type { RevisionMark, RevisionStatus } from '@mockboard/rubric';

export interface ScorecardRow {
  session_id: string;
  round: number;
  kind: ScorecardKind;
  author_id: string;
  subject_id: string;
  dimensions: { dimensionId: string; level: ScoreLevel | null; evidence: string }[];
  strengths: string;
  improvements: string;
  recommendation: string | null;
  performed_at_level: TargetLevel | null;
  weighted_score: number | null;
  submitted_at: Date | null;
  revealed_at: Date | null;
  updated_at: Date;
}

/** A scorecard that a reveal just made visible. */
export interface RevealedScorecard {
  round: number;
  kind: ScorecardKind;
  subject_id: string;
}

export type ScorecardContentRow = Omit<ScorecardRow, 'submitted_at' | 'revealed_at' | 'updated_at'>;

export interface RatingRow {
  session_id: string;
  round: number;
  rater_id: string;
  interviewer_id: string;
  clarity: number;
  helpfulness: number;
  comment: string;
  updated_at: Date;
}

export interface RevisionRow {
  revision: number;
  edited_by: string;
  edited_at: Date;
  snapshot: Scorecard;
}

/** smallint and double columns arrive as numbers from both drivers; normalise defensively anyway. */
function normalise<T extends { round: number | string }>(row: T): T {
  return { ...row, round: Number(row.round) };
}

/** Scorecards, their revisions, and candidates' ratings of interviewers. */
@Injectable()
export class ScorecardsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async forSessions(
    sessionIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ScorecardRow[]> {
    if (sessionIds.length === 0) return [];
    const rows: ScorecardRow[] = await manager.query(
      `SELECT * FROM scorecards WHERE session_id = ANY($1::uuid[]) ORDER BY session_id, round, kind`,
      [sessionIds],
    );
    return rows.map(normalise);
  }

  /** The scorecard, row-locked until the transaction ends, or null when none was saved yet. */
  async lock(
    manager: EntityManager,
    sessionId: string,
    round: number,
    kind: ScorecardKind,
  ): Promise<ScorecardRow | null> {
    const [row] = (await manager.query(
      `SELECT * FROM scorecards WHERE session_id = $1 AND round = $2 AND kind = $3 FOR UPDATE`,
      [sessionId, round, kind],
    )) as ScorecardRow[];
    return row ? normalise(row) : null;
  }

  /** Inserts or replaces the content; `submitted_at` is set once and kept (a submission is final). */
  async save(
    manager: EntityManager,
    content: ScorecardContentRow,
    submit: boolean,
    now: Date,
  ): Promise<ScorecardRow> {
    const [row] = (await manager.query(
      `INSERT INTO scorecards AS stored (session_id, round, kind, author_id, subject_id, dimensions, strengths,
         improvements, recommendation, performed_at_level, weighted_score, submitted_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, CASE WHEN $12::boolean THEN $13::timestamptz END, $13, $13)
       ON CONFLICT (session_id, round, kind) DO UPDATE SET
         dimensions = excluded.dimensions, strengths = excluded.strengths, improvements = excluded.improvements,
         recommendation = excluded.recommendation, performed_at_level = excluded.performed_at_level,
         weighted_score = excluded.weighted_score,
         submitted_at = COALESCE(stored.submitted_at, excluded.submitted_at), updated_at = excluded.updated_at
       RETURNING *`,
      [
        content.session_id,
        content.round,
        content.kind,
        content.author_id,
        content.subject_id,
        JSON.stringify(content.dimensions),
        content.strengths,
        content.improvements,
        content.recommendation,
        content.performed_at_level,
        content.weighted_score,
        submit,
        now,
      ],
    )) as ScorecardRow[];
    return normalise(row!);
  }

  /** What the revision policy needs of each stored revision, oldest first (at most MAX_REVISIONS). */
  async revisionMarks(
    manager: EntityManager,
    sessionId: string,
    round: number,
    kind: ScorecardKind,
  ): Promise<RevisionMark[]> {
    const rows = (await manager.query(
      `SELECT revision, edited_by, snapshot->>'status' AS status, COALESCE(started_at, edited_at) AS started_at
       FROM scorecard_revisions WHERE session_id = $1 AND round = $2 AND kind = $3 ORDER BY revision`,
      [sessionId, round, kind],
    )) as { revision: number; edited_by: string; status: RevisionStatus; started_at: Date }[];
    return rows.map((row) => ({
      revision: Number(row.revision),
      editedBy: row.edited_by,
      status: row.status,
      startedAt: new Date(row.started_at),
    }));
  }

  /** Writes a revision under the number the caller planned (holding the session lock). */
  async insertRevision(
    manager: EntityManager,
    snapshot: Scorecard,
    revision: { revision: number; editedBy: string; at: Date; startedAt: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO scorecard_revisions (session_id, round, kind, revision, edited_by, edited_at, started_at, snapshot)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
      [
        snapshot.sessionId,
        snapshot.round,
        snapshot.kind,
        revision.revision,
        revision.editedBy,
        revision.at,
        revision.startedAt,
        JSON.stringify(snapshot),
      ],
    );
  }

  async deleteRevisions(
    manager: EntityManager,
    sessionId: string,
    round: number,
    kind: ScorecardKind,
    revisions: number[],
  ): Promise<void> {
    if (revisions.length === 0) return;
    await manager.query(
      `DELETE FROM scorecard_revisions
       WHERE session_id = $1 AND round = $2 AND kind = $3 AND revision = ANY($4::int[])`,
      [sessionId, round, kind, revisions],
    );
  }

  async revisions(sessionId: string, round: number, kind: ScorecardKind): Promise<RevisionRow[]> {
    const rows: RevisionRow[] = await this.dataSource.query(
      `SELECT revision, edited_by, edited_at, snapshot FROM scorecard_revisions
       WHERE session_id = $1 AND round = $2 AND kind = $3 ORDER BY revision`,
      [sessionId, round, kind],
    );
    return rows.map((row) => ({ ...row, revision: Number(row.revision) }));
  }

  /**
   * Marks the rounds' scorecards revealed (the interviewer's, and the candidate's self-assessment,
   * which closes at the same moment). Idempotent: an already revealed scorecard keeps its time.
   */
  async markRevealed(
    manager: EntityManager,
    sessionId: string,
    rounds: number[],
    now: Date,
  ): Promise<RevealedScorecard[]> {
    if (rounds.length === 0) return [];
    // Wrapped in a CTE because TypeORM returns [rows, count] for a bare UPDATE … RETURNING on pg.
    // Of two transactions revealing the same card, only the first returns it (the second finds
    // revealed_at set once the first commits), so whatever follows a reveal happens once.
    const rows: RevealedScorecard[] = await manager.query(
      `WITH revealed AS (
         UPDATE scorecards SET revealed_at = $3
         WHERE session_id = $1 AND round = ANY($2::smallint[]) AND revealed_at IS NULL
         RETURNING round, kind, subject_id)
       SELECT round, kind, subject_id FROM revealed`,
      [sessionId, rounds, now],
    );
    return rows.map(normalise);
  }

  /** Sessions with a submitted interviewer scorecard not revealed yet: what the reveal sweep looks at. */
  async sessionsAwaitingReveal(): Promise<string[]> {
    const rows: { session_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT session_id FROM scorecards
       WHERE kind = 'interviewer' AND submitted_at IS NOT NULL AND revealed_at IS NULL`,
    );
    return rows.map((row) => row.session_id);
  }

  async ratingsForSessions(
    sessionIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<RatingRow[]> {
    if (sessionIds.length === 0) return [];
    const rows: RatingRow[] = await manager.query(
      `SELECT * FROM interviewer_ratings WHERE session_id = ANY($1::uuid[]) ORDER BY session_id, round`,
      [sessionIds],
    );
    return rows.map(normalise);
  }

  async saveRating(
    manager: EntityManager,
    rating: Omit<RatingRow, 'updated_at'>,
    now: Date,
  ): Promise<RatingRow> {
    const [row] = (await manager.query(
      `INSERT INTO interviewer_ratings (session_id, round, rater_id, interviewer_id, clarity, helpfulness, comment,
         created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
       ON CONFLICT (session_id, round) DO UPDATE SET clarity = excluded.clarity,
         helpfulness = excluded.helpfulness, comment = excluded.comment, updated_at = excluded.updated_at
       RETURNING *`,
      [
        rating.session_id,
        rating.round,
        rating.rater_id,
        rating.interviewer_id,
        rating.clarity,
        rating.helpfulness,
        rating.comment,
        now,
      ],
    )) as RatingRow[];
    return normalise(row!);
  }

  /** Every submitted interviewer scorecard with the prompt of its round, for calibration. */
  async submittedWithPrompt(): Promise<
    (Pick<ScorecardRow, 'session_id' | 'weighted_score' | 'dimensions'> & { prompt_id: string })[]
  > {
    return this.dataSource.query(
      `SELECT c.session_id, c.weighted_score, c.dimensions, r.prompt_id
       FROM scorecards c JOIN session_rounds r ON r.session_id = c.session_id AND r.number = c.round
       WHERE c.kind = 'interviewer' AND c.submitted_at IS NOT NULL AND r.prompt_id IS NOT NULL`,
    );
  }

  /** Every rating with the prompt of its round, without who gave or received it. */
  async ratingsWithPrompt(): Promise<{ prompt_id: string; clarity: number; helpfulness: number }[]> {
    return this.dataSource.query(
      `SELECT r.prompt_id, i.clarity, i.helpfulness
       FROM interviewer_ratings i JOIN session_rounds r ON r.session_id = i.session_id AND r.number = i.round
       WHERE r.prompt_id IS NOT NULL`,
    );
  }

  /**
   * A session ended from the room waits in `scoring` until every round has its feedback: the
   * interviewer's submitted scorecard (a solo session's own self-assessment). Then it is complete.
   */
  async completeWhenScored(manager: EntityManager, sessionId: string): Promise<void> {
    await manager.query(
      `WITH completed AS (
         UPDATE sessions s SET status = 'completed'
         WHERE s.id = $1 AND s.status = 'scoring'
           AND NOT EXISTS (
             SELECT 1 FROM session_rounds r WHERE r.session_id = s.id AND NOT EXISTS (
               SELECT 1 FROM scorecards c
               WHERE c.session_id = r.session_id AND c.round = r.number AND c.submitted_at IS NOT NULL
                 AND c.kind = CASE WHEN s.kind = 'solo' THEN 'self' ELSE 'interviewer' END))
         RETURNING s.id)
       SELECT id FROM completed`,
      [sessionId],
    );
  }
}

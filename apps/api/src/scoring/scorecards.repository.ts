import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Scorecard, ScorecardKind, ScoreLevel, TargetLevel } from '@mockboard/contracts';
import type { RevisionMark, RevisionStatus } from '@mockboard/rubric';
import { COMPLETE_WHEN_SCORED_SQL } from '../sessions/session-completion-sql';

/** A stored scorecard: its content, and when it was submitted, revealed and last saved. */
export interface StoredScorecard {
  sessionId: string;
  round: number;
  kind: ScorecardKind;
  authorId: string;
  subjectId: string;
  dimensions: { dimensionId: string; level: ScoreLevel | null; evidence: string }[];
  strengths: string;
  improvements: string;
  recommendation: string | null;
  performedAtLevel: TargetLevel | null;
  weightedScore: number | null;
  submittedAt: Date | null;
  revealedAt: Date | null;
  updatedAt: Date;
}

/** What a save writes: the scorecard without its moments. */
export type ScorecardContent = Omit<StoredScorecard, 'submittedAt' | 'revealedAt' | 'updatedAt'>;

/** A scorecard that a reveal just made visible. */
export interface RevealedScorecard {
  round: number;
  kind: ScorecardKind;
  subjectId: string;
}

export interface StoredRevision {
  revision: number;
  editedBy: string;
  editedAt: Date;
  snapshot: Scorecard;
}

/** A submitted interviewer scorecard with the prompt of its round, for calibration. */
export interface PromptScorecard {
  promptId: string;
  sessionId: string;
  weightedScore: number | null;
  dimensions: StoredScorecard['dimensions'];
}

interface ScorecardRow {
  session_id: string;
  round: number;
  kind: ScorecardKind;
  author_id: string;
  subject_id: string;
  dimensions: StoredScorecard['dimensions'];
  strengths: string;
  improvements: string;
  recommendation: string | null;
  performed_at_level: TargetLevel | null;
  weighted_score: number | null;
  submitted_at: Date | null;
  revealed_at: Date | null;
  updated_at: Date;
}

/** smallint and double columns arrive as numbers from both drivers; normalised defensively anyway. */
function toStoredScorecard(row: ScorecardRow): StoredScorecard {
  return {
    sessionId: row.session_id,
    round: Number(row.round),
    kind: row.kind,
    authorId: row.author_id,
    subjectId: row.subject_id,
    dimensions: row.dimensions,
    strengths: row.strengths,
    improvements: row.improvements,
    recommendation: row.recommendation,
    performedAtLevel: row.performed_at_level,
    weightedScore: row.weighted_score === null ? null : Number(row.weighted_score),
    submittedAt: row.submitted_at,
    revealedAt: row.revealed_at,
    updatedAt: row.updated_at,
  };
}

/** Scorecards and their revisions. */
@Injectable()
export class ScorecardsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async forSessions(
    sessionIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StoredScorecard[]> {
    if (sessionIds.length === 0) return [];
    const rows: ScorecardRow[] = await manager.query(
      `SELECT * FROM scorecards WHERE session_id = ANY($1::uuid[]) ORDER BY session_id, round, kind`,
      [sessionIds],
    );
    return rows.map(toStoredScorecard);
  }

  /** The scorecard, row-locked until the transaction ends, or null when none was saved yet. */
  async lock(
    manager: EntityManager,
    sessionId: string,
    round: number,
    kind: ScorecardKind,
  ): Promise<StoredScorecard | null> {
    const [row] = (await manager.query(
      `SELECT * FROM scorecards WHERE session_id = $1 AND round = $2 AND kind = $3 FOR UPDATE`,
      [sessionId, round, kind],
    )) as ScorecardRow[];
    return row ? toStoredScorecard(row) : null;
  }

  /** Inserts or replaces the content; `submittedAt` is set once and kept (a submission is final). */
  async save(
    manager: EntityManager,
    content: ScorecardContent,
    submit: boolean,
    now: Date,
  ): Promise<StoredScorecard> {
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
        content.sessionId,
        content.round,
        content.kind,
        content.authorId,
        content.subjectId,
        JSON.stringify(content.dimensions),
        content.strengths,
        content.improvements,
        content.recommendation,
        content.performedAtLevel,
        content.weightedScore,
        submit,
        now,
      ],
    )) as ScorecardRow[];
    return toStoredScorecard(row!);
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

  async revisions(sessionId: string, round: number, kind: ScorecardKind): Promise<StoredRevision[]> {
    const rows: { revision: number; edited_by: string; edited_at: Date; snapshot: Scorecard }[] =
      await this.dataSource.query(
        `SELECT revision, edited_by, edited_at, snapshot FROM scorecard_revisions
         WHERE session_id = $1 AND round = $2 AND kind = $3 ORDER BY revision`,
        [sessionId, round, kind],
      );
    return rows.map((row) => ({
      revision: Number(row.revision),
      editedBy: row.edited_by,
      editedAt: row.edited_at,
      snapshot: row.snapshot,
    }));
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
    const rows: { round: number; kind: ScorecardKind; subject_id: string }[] = await manager.query(
      `WITH revealed AS (
         UPDATE scorecards SET revealed_at = $3
         WHERE session_id = $1 AND round = ANY($2::smallint[]) AND revealed_at IS NULL
         RETURNING round, kind, subject_id)
       SELECT round, kind, subject_id FROM revealed`,
      [sessionId, rounds, now],
    );
    return rows.map((row) => ({ round: Number(row.round), kind: row.kind, subjectId: row.subject_id }));
  }

  /** Sessions with a submitted interviewer scorecard not revealed yet: what the reveal sweep looks at. */
  async sessionsAwaitingReveal(): Promise<string[]> {
    const rows: { session_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT session_id FROM scorecards
       WHERE kind = 'interviewer' AND submitted_at IS NOT NULL AND revealed_at IS NULL`,
    );
    return rows.map((row) => row.session_id);
  }

  /** Every submitted interviewer scorecard with the prompt of its round, for calibration. */
  async submittedWithPrompt(): Promise<PromptScorecard[]> {
    const rows: (Pick<ScorecardRow, 'session_id' | 'weighted_score' | 'dimensions'> & {
      prompt_id: string;
    })[] = await this.dataSource.query(
      `SELECT c.session_id, c.weighted_score, c.dimensions, r.prompt_id
         FROM scorecards c JOIN session_rounds r ON r.session_id = c.session_id AND r.number = c.round
         WHERE c.kind = 'interviewer' AND c.submitted_at IS NOT NULL AND r.prompt_id IS NOT NULL`,
    );
    return rows.map((row) => ({
      promptId: row.prompt_id,
      sessionId: row.session_id,
      weightedScore: row.weighted_score === null ? null : Number(row.weighted_score),
      dimensions: row.dimensions,
    }));
  }

  /**
   * A session ended from the room waits in `scoring` until every round has its feedback: the
   * interviewer's submitted scorecard (a solo session's own self-assessment). Then it is complete.
   * A round the interview ended before is not waited for.
   */
  async completeWhenScored(manager: EntityManager, sessionId: string): Promise<void> {
    await manager.query(COMPLETE_WHEN_SCORED_SQL, [sessionId]);
  }
}

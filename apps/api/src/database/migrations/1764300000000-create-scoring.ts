import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateScoring1764300000000 implements MigrationInterface {
  name = 'CreateScoring1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One scorecard per round and kind: the interviewer's about the candidate, the candidate's
    // about themselves. The weighted score is the server's, computed from the rubric on every save.
    await queryRunner.query(`
      CREATE TABLE scorecards (
        session_id uuid NOT NULL,
        round smallint NOT NULL,
        kind text NOT NULL CHECK (kind IN ('interviewer', 'self')),
        author_id uuid NOT NULL REFERENCES users (id),
        subject_id uuid NOT NULL REFERENCES users (id),
        dimensions jsonb NOT NULL,
        strengths text NOT NULL DEFAULT '',
        improvements text NOT NULL DEFAULT '',
        recommendation text,
        performed_at_level text CHECK (performed_at_level IN ('junior', 'mid', 'senior', 'staff')),
        weighted_score double precision CHECK (weighted_score BETWEEN 1 AND 4),
        submitted_at timestamptz,
        revealed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, round, kind),
        FOREIGN KEY (session_id, round) REFERENCES session_rounds (session_id, number) ON DELETE CASCADE,
        CHECK (kind = 'interviewer' OR author_id = subject_id),
        -- Only a submitted interviewer scorecard is ever shown to its subject.
        CHECK (kind = 'self' OR revealed_at IS NULL OR submitted_at IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX scorecards_subject ON scorecards (subject_id)`);
    await queryRunner.query(`CREATE INDEX scorecards_author ON scorecards (author_id)`);

    // What the service checks under a lock, the database guarantees: once revealed, a scorecard
    // never changes, and a submitted scorecard never goes back to being a draft.
    await queryRunner.query(`
      CREATE FUNCTION scorecards_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.revealed_at IS NOT NULL THEN
          RAISE EXCEPTION 'scorecard was revealed and is immutable' USING ERRCODE = '55000';
        END IF;
        IF OLD.submitted_at IS NOT NULL AND NEW.submitted_at IS NULL THEN
          RAISE EXCEPTION 'a submitted scorecard cannot become a draft again' USING ERRCODE = '55000';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER scorecards_immutable_once_revealed BEFORE UPDATE ON scorecards
      FOR EACH ROW EXECUTE FUNCTION scorecards_guard()`);

    // The audit trail: every save, with who, when and the whole scorecard as it was then.
    await queryRunner.query(`
      CREATE TABLE scorecard_revisions (
        session_id uuid NOT NULL,
        round smallint NOT NULL,
        kind text NOT NULL,
        revision integer NOT NULL CHECK (revision > 0),
        edited_by uuid NOT NULL REFERENCES users (id),
        edited_at timestamptz NOT NULL,
        snapshot jsonb NOT NULL,
        PRIMARY KEY (session_id, round, kind, revision),
        FOREIGN KEY (session_id, round, kind) REFERENCES scorecards (session_id, round, kind) ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE FUNCTION scorecard_revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'scorecard revisions are append-only' USING ERRCODE = '55000';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER scorecard_revisions_append_only BEFORE UPDATE ON scorecard_revisions
      FOR EACH ROW EXECUTE FUNCTION scorecard_revisions_append_only()`);

    // The candidate's private rating of the round's interviewer.
    await queryRunner.query(`
      CREATE TABLE interviewer_ratings (
        session_id uuid NOT NULL,
        round smallint NOT NULL,
        rater_id uuid NOT NULL REFERENCES users (id),
        interviewer_id uuid NOT NULL REFERENCES users (id),
        clarity smallint NOT NULL CHECK (clarity BETWEEN 1 AND 5),
        helpfulness smallint NOT NULL CHECK (helpfulness BETWEEN 1 AND 5),
        comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, round),
        FOREIGN KEY (session_id, round) REFERENCES session_rounds (session_id, number) ON DELETE CASCADE,
        CHECK (rater_id <> interviewer_id)
      )`);

    // Opt-in public links to one participant's case study. Only a participant can own one (the
    // foreign key), and each has at most one live link per session; revoking keeps the row so the
    // old token stays dead rather than becoming reusable.
    await queryRunner.query(`
      CREATE TABLE share_links (
        token text PRIMARY KEY,
        session_id uuid NOT NULL,
        user_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        FOREIGN KEY (session_id, user_id) REFERENCES session_participants (session_id, user_id) ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX share_links_one_live ON share_links (session_id, user_id) WHERE revoked_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['share_links', 'interviewer_ratings', 'scorecard_revisions', 'scorecards']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION scorecard_revisions_append_only()`);
    await queryRunner.query(`DROP FUNCTION scorecards_guard()`);
  }
}

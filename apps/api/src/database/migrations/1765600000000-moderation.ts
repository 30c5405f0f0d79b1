import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports, blocks and moderation (issue 15).
 * - session_reports: a participant's report of their partner. Its key to sessions has no cascade,
 *   so a reported session (whose board log and chat cascade from it) cannot be deleted while the
 *   report exists: the evidence is kept for review. One open report per reporter and session.
 * - user_blocks: who blocked whom. Blocking is mutual in effect, so the queries look both ways;
 *   the primary key serves one direction, the second index the other.
 * - account_restrictions: the current suspension (with its end) or ban of an account; no row is
 *   good standing, and a suspension whose end has passed is over without anyone deleting it.
 * - moderation_actions: the audit log, never updated or deleted.
 */
export class Moderation1765600000000 implements MigrationInterface {
  name = 'Moderation1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE session_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES sessions (id),
        reporter_id uuid NOT NULL REFERENCES users (id),
        subject_id uuid NOT NULL REFERENCES users (id),
        reason text NOT NULL CHECK (reason IN ('no_show', 'abusive', 'inappropriate_content', 'other')),
        comment text,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
        resolution_note text,
        resolved_by uuid REFERENCES users (id),
        resolved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (reporter_id <> subject_id)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX session_reports_one_open ON session_reports (reporter_id, session_id) WHERE status = 'open'`,
    );
    await queryRunner.query(
      `CREATE INDEX session_reports_status_created ON session_reports (status, created_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX session_reports_subject ON session_reports (subject_id, created_at)`,
    );

    await queryRunner.query(`
      CREATE TABLE user_blocks (
        blocker_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        blocked_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (blocker_id, blocked_id),
        CHECK (blocker_id <> blocked_id)
      )`);
    await queryRunner.query(`CREATE INDEX user_blocks_blocked ON user_blocks (blocked_id, blocker_id)`);

    await queryRunner.query(`
      CREATE TABLE account_restrictions (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        state text NOT NULL CHECK (state IN ('suspended', 'banned')),
        until timestamptz,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((state = 'suspended') = (until IS NOT NULL))
      )`);

    await queryRunner.query(`
      CREATE TABLE moderation_actions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        admin_id uuid NOT NULL REFERENCES users (id),
        user_id uuid NOT NULL REFERENCES users (id),
        action text NOT NULL CHECK (action IN ('warn', 'suspend', 'ban', 'reinstate', 'resolve')),
        reason text NOT NULL,
        until timestamptz,
        report_id uuid REFERENCES session_reports (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX moderation_actions_created ON moderation_actions (created_at DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE moderation_actions`);
    await queryRunner.query(`DROP TABLE account_restrictions`);
    await queryRunner.query(`DROP TABLE user_blocks`);
    await queryRunner.query(`DROP TABLE session_reports`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reliability counts (sessions completed, late cancellations, no-shows) kept on the user row instead
 * of counted on every slot search, booking and match: counting them nearly doubled PostgreSQL's CPU
 * per search (bench/booking, issue 18).
 *
 * Triggers keep them current in the transaction that changes a session or a participant, whatever
 * statement does it: the room ending an interview, the scorecards closing scoring, the sweeper's
 * set-based completions and no-shows, a rescue, a cancellation, an account's withdrawal. Each of
 * those places would otherwise have to remember a second UPDATE, and a missed one drifts silently.
 *
 * "Completed" counts what progress counts: a participant who was not a no-show, of a session in a
 * status that allows `count_as_completed` (libs/schedule session-lifecycle.ts). The statuses are
 * written out here because a migration is history; if that activity's statuses change, a new
 * migration replaces these functions. Participants are only ever added to a new, scheduled session
 * and never removed, and sessions are never deleted, so inserts and deletes need no trigger.
 */
export class ReliabilityOnUserRow1766200000000 implements MigrationInterface {
  name = 'ReliabilityOnUserRow1766200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE users ADD COLUMN sessions_completed int NOT NULL DEFAULT 0,
         ADD COLUMN late_cancellations int NOT NULL DEFAULT 0,
         ADD COLUMN no_shows int NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(`
      UPDATE users u SET sessions_completed = c.n FROM (
        SELECT p.user_id, count(*)::int AS n FROM session_participants p JOIN sessions s ON s.id = p.session_id
        WHERE s.status IN ('scoring', 'completed') AND NOT p.no_show GROUP BY p.user_id) c
      WHERE c.user_id = u.id`);
    await queryRunner.query(`
      UPDATE users u SET late_cancellations = c.n FROM (
        SELECT cancelled_by AS user_id, count(*)::int AS n FROM sessions
        WHERE late_cancellation AND cancelled_by IS NOT NULL GROUP BY cancelled_by) c
      WHERE c.user_id = u.id`);
    await queryRunner.query(`
      UPDATE users u SET no_shows = c.n FROM (
        SELECT user_id, count(*)::int AS n FROM session_participants WHERE no_show GROUP BY user_id) c
      WHERE c.user_id = u.id`);

    await queryRunner.query(`
      CREATE FUNCTION sessions_keep_reliability() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        was_completed boolean := OLD.status IN ('scoring', 'completed');
        is_completed boolean := NEW.status IN ('scoring', 'completed');
      BEGIN
        IF was_completed <> is_completed THEN
          UPDATE users SET sessions_completed = sessions_completed + CASE WHEN is_completed THEN 1 ELSE -1 END
          WHERE id IN (SELECT user_id FROM session_participants WHERE session_id = NEW.id AND NOT no_show);
        END IF;
        IF (OLD.late_cancellation, OLD.cancelled_by) IS DISTINCT FROM (NEW.late_cancellation, NEW.cancelled_by) THEN
          IF OLD.late_cancellation AND OLD.cancelled_by IS NOT NULL THEN
            UPDATE users SET late_cancellations = late_cancellations - 1 WHERE id = OLD.cancelled_by;
          END IF;
          IF NEW.late_cancellation AND NEW.cancelled_by IS NOT NULL THEN
            UPDATE users SET late_cancellations = late_cancellations + 1 WHERE id = NEW.cancelled_by;
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER sessions_keep_reliability AFTER UPDATE OF status, late_cancellation, cancelled_by ON sessions
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status
        OR OLD.late_cancellation IS DISTINCT FROM NEW.late_cancellation
        OR OLD.cancelled_by IS DISTINCT FROM NEW.cancelled_by)
      EXECUTE FUNCTION sessions_keep_reliability()`);

    await queryRunner.query(`
      CREATE FUNCTION session_participants_keep_reliability() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        step int := CASE WHEN NEW.no_show THEN 1 ELSE -1 END;
        completed boolean;
      BEGIN
        SELECT status IN ('scoring', 'completed') INTO completed FROM sessions WHERE id = NEW.session_id;
        UPDATE users SET no_shows = no_shows + step,
          sessions_completed = sessions_completed - CASE WHEN completed THEN step ELSE 0 END
        WHERE id = NEW.user_id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER session_participants_keep_reliability AFTER UPDATE OF no_show ON session_participants
      FOR EACH ROW WHEN (OLD.no_show IS DISTINCT FROM NEW.no_show)
      EXECUTE FUNCTION session_participants_keep_reliability()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER session_participants_keep_reliability ON session_participants`);
    await queryRunner.query(`DROP FUNCTION session_participants_keep_reliability()`);
    await queryRunner.query(`DROP TRIGGER sessions_keep_reliability ON sessions`);
    await queryRunner.query(`DROP FUNCTION sessions_keep_reliability()`);
    await queryRunner.query(
      `ALTER TABLE users DROP COLUMN no_shows, DROP COLUMN late_cancellations, DROP COLUMN sessions_completed`,
    );
  }
}

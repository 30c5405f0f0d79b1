import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reliability counts late cancellations per user on every slot search, booking and match; without
 * an index each count read the whole sessions table (bench/booking: search fell from ~88/s to 6/s
 * after 7,000 bookings). Participants are already indexed by user.
 */
export class IndexReliability1764400000000 implements MigrationInterface {
  name = 'IndexReliability1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX sessions_late_cancelled_by ON sessions (cancelled_by) WHERE late_cancellation`,
    );
    await queryRunner.query(
      `CREATE INDEX session_participants_no_show ON session_participants (user_id) WHERE no_show`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX session_participants_no_show`);
    await queryRunner.query(`DROP INDEX sessions_late_cancelled_by`);
  }
}

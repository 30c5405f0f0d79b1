import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every read of a session now counts its accepted proposals (the calendar event's SEQUENCE) in the
 * same statement as the rest of the record (SESSION_RECORDS_SQL): without an index that count read
 * the whole table once per session.
 */
export class RescheduleProposalsBySession1766400000000 implements MigrationInterface {
  name = 'RescheduleProposalsBySession1766400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX reschedule_proposals_session_status ON reschedule_proposals (session_id, status)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX reschedule_proposals_session_status`);
  }
}

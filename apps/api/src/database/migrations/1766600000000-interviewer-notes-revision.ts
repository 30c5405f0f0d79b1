import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each save of an interviewer's notes gets the next revision of that row. A person's tabs are sent
 * each save (notes:saved) and a join reads the notes; with the revision in both, a tab keeps the
 * newest text whichever of them reaches it first.
 */
export class InterviewerNotesRevision1766600000000 implements MigrationInterface {
  name = 'InterviewerNotesRevision1766600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE interviewer_notes ADD COLUMN revision bigint NOT NULL DEFAULT 1`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE interviewer_notes DROP COLUMN revision`);
  }
}

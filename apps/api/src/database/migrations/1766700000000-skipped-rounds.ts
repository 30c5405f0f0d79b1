import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A round the interview was ended before (a swap ended from the room in round 1) is marked when it
 * ends: nothing waits for its feedback. Marked by the end itself, not inferred from the room's
 * state when read. (The clock's sweep marks such rounds too since 1766800000000, which also
 * marked the sessions ended before.)
 */
export class SkippedRounds1766700000000 implements MigrationInterface {
  name = 'SkippedRounds1766700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE session_rounds ADD COLUMN skipped boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE session_rounds DROP COLUMN skipped`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A revealed hint belongs to a round the session has and to one of the interview's phases: the
 * hints service checks both before it writes, and now the table refuses anything else too. The
 * phases are listed as they are today (libs/contracts INTERVIEW_PHASES), not imported: a migration
 * keeps the schema it wrote even when the code moves on.
 */
export class HintRevealRoundAndPhase1766300000000 implements MigrationInterface {
  name = 'HintRevealRoundAndPhase1766300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE hint_reveals ADD CONSTRAINT hint_reveals_round_fkey
         FOREIGN KEY (session_id, round) REFERENCES session_rounds (session_id, number) ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE hint_reveals ADD CONSTRAINT hint_reveals_phase_check
         CHECK (phase IN ('requirements', 'estimation', 'api-and-data-model', 'high-level-design',
                          'deep-dive', 'wrap-up'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE hint_reveals DROP CONSTRAINT hint_reveals_phase_check`);
    await queryRunner.query(`ALTER TABLE hint_reveals DROP CONSTRAINT hint_reveals_round_fkey`);
  }
}

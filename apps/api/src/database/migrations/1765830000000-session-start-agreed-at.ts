import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a session's current start was agreed: the booking, or the last accepted move (issue 15).
 * A reminder mail whose moment came before then is not sent, because the booked or moved mail
 * had just said when the session starts. Existing sessions take their booking time.
 */
export class SessionStartAgreedAt1765830000000 implements MigrationInterface {
  name = 'SessionStartAgreedAt1765830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE sessions ADD COLUMN start_agreed_at timestamptz`);
    await queryRunner.query(`UPDATE sessions SET start_agreed_at = created_at`);
    await queryRunner.query(
      `ALTER TABLE sessions ALTER COLUMN start_agreed_at SET DEFAULT now(), ALTER COLUMN start_agreed_at SET NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE sessions DROP COLUMN start_agreed_at`);
  }
}

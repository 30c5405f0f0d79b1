import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail preferences (issue 15) as opt-outs: a row per (user, kind) the user turned off, so every
 * kind is on by default and a kind added later reaches everyone until they say otherwise. Only the
 * optional kinds may be stored: verification and password reset always go out.
 */
export class MailPreferences1765700000000 implements MigrationInterface {
  name = 'MailPreferences1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE mail_opt_outs (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('booked', 'rescheduled', 'cancelled', 'reminder', 'no_show', 'feedback_ready')),
        opted_out_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, kind)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE mail_opt_outs`);
  }
}

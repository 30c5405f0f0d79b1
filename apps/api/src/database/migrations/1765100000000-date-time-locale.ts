import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user's "Date and time format" (issue 14): a BCP 47 tag such as "en-US". NULL, the default,
 * means the browser's language decides, so nobody who never opens the profile sees a change.
 */
export class DateTimeLocale1765100000000 implements MigrationInterface {
  name = 'DateTimeLocale1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users ADD COLUMN date_time_locale text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users DROP COLUMN date_time_locale`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user's target level is theirs to choose (issue 14): NULL means "not set", shown as "New",
 * instead of a "Mid-level" nobody picked. Existing accounts keep the level they have.
 */
export class OptionalTargetLevel1765200000000 implements MigrationInterface {
  name = 'OptionalTargetLevel1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE users ALTER COLUMN target_level DROP NOT NULL, ALTER COLUMN target_level DROP DEFAULT`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE users SET target_level = 'mid' WHERE target_level IS NULL`);
    await queryRunner.query(
      `ALTER TABLE users ALTER COLUMN target_level SET DEFAULT 'mid', ALTER COLUMN target_level SET NOT NULL`,
    );
  }
}

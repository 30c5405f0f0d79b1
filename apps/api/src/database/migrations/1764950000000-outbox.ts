import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Work that must follow a commit (notifications, pushes, later emails) is written to `outbox` in
 * the same transaction as the change it reports and delivered after it (issue 12: a notification
 * that failed after a booking committed answered the booking with a 500). A row is due while
 * undelivered and not given up on; the partial index is exactly what the dispatcher scans.
 * Finished rows are pruned oldest first by delivered_at or failed_at, each scan served by its own
 * partial index, so a poll that finds nothing old reads a few index pages, not the table.
 * `notifications.outbox_id` is unique so a retried delivery can never add a second copy.
 */
export class Outbox1764950000000 implements MigrationInterface {
  name = 'Outbox1764950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        delivered_at timestamptz,
        failed_at timestamptz,
        last_error text
      )`);
    await queryRunner.query(
      `CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX outbox_delivered ON outbox (delivered_at) WHERE delivered_at IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX outbox_failed ON outbox (failed_at) WHERE failed_at IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE notifications ADD COLUMN outbox_id uuid UNIQUE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notifications DROP COLUMN outbox_id`);
    await queryRunner.query(`DROP TABLE outbox`);
  }
}

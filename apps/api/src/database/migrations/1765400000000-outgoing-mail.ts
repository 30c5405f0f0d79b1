import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outgoing mail (issue 15), queued in the transaction of the change that causes it and sent by a
 * worker any instance may run (apps/api/src/mail/mail.worker.ts).
 * - outgoing_mail: one row per event. `dedupe_key` is unique, so asking twice for the same event
 *   (two instances scheduling one reminder, a retried transaction) queues one mail. A row is due
 *   until sent, skipped or given up on; `claimed_by`/`claimed_until` is the lease of the worker
 *   sending it, so a worker that died mid-send leaves a row another takes over once the lease ends.
 *   The partial index is exactly the worker's due scan; finished rows are pruned after
 *   MAIL_RETENTION_DAYS, oldest first, through the second partial index.
 * - dev_mailbox: with no SMTP_URL, what would have been sent, for the admins' dev mailbox page.
 */
export class OutgoingMail1765400000000 implements MigrationInterface {
  name = 'OutgoingMail1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outgoing_mail (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dedupe_key text NOT NULL UNIQUE,
        kind text NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        due_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        claimed_by text,
        claimed_until timestamptz,
        sent_at timestamptz,
        skipped_at timestamptz,
        skip_reason text,
        failed_at timestamptz,
        last_error text,
        message_id text
      )`);
    await queryRunner.query(
      `CREATE INDEX outgoing_mail_due ON outgoing_mail (due_at)
       WHERE sent_at IS NULL AND skipped_at IS NULL AND failed_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX outgoing_mail_by_user ON outgoing_mail (user_id)`);
    await queryRunner.query(
      `CREATE INDEX outgoing_mail_finished ON outgoing_mail ((coalesce(sent_at, skipped_at, failed_at)))
       WHERE sent_at IS NOT NULL OR skipped_at IS NOT NULL OR failed_at IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE dev_mailbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        outgoing_mail_id uuid REFERENCES outgoing_mail (id) ON DELETE CASCADE,
        kind text NOT NULL,
        "to" text NOT NULL,
        subject text NOT NULL,
        text text NOT NULL,
        html text NOT NULL,
        attachments text[] NOT NULL DEFAULT '{}',
        sent_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await queryRunner.query(`CREATE INDEX dev_mailbox_newest ON dev_mailbox (sent_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE dev_mailbox`);
    await queryRunner.query(`DROP TABLE outgoing_mail`);
  }
}

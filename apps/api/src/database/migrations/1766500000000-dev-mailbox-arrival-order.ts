import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dev mailbox kept "the newest" by sent_at, but the embedded database's clock ticks in whole
 * milliseconds, so two messages added in one millisecond tied and the random id decided which of
 * them was dropped. An identity column records the order in which messages arrived, and both the
 * trim and the listing now order by it.
 */
export class DevMailboxArrivalOrder1766500000000 implements MigrationInterface {
  name = 'DevMailboxArrivalOrder1766500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX dev_mailbox_newest`);
    await queryRunner.query(`ALTER TABLE dev_mailbox ADD COLUMN arrival bigint GENERATED ALWAYS AS IDENTITY`);
    await queryRunner.query(`CREATE INDEX dev_mailbox_newest ON dev_mailbox (arrival DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX dev_mailbox_newest`);
    await queryRunner.query(`ALTER TABLE dev_mailbox DROP COLUMN arrival`);
    await queryRunner.query(`CREATE INDEX dev_mailbox_newest ON dev_mailbox (sent_at DESC)`);
  }
}

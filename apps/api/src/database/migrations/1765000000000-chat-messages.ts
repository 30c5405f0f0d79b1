import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The room's text chat (issue 13). The id is the sender's own, so a message resent after a dropped
 * connection is stored once. `seq` is drawn from the whiteboard log's sequence, so the replay
 * merges chat and board changes in one order by a plain sort on seq.
 */
export class ChatMessages1765000000000 implements MigrationInterface {
  name = 'ChatMessages1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE chat_messages (
        id uuid PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES users (id),
        round smallint NOT NULL,
        text text NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        seq bigint NOT NULL UNIQUE DEFAULT nextval('room_events_seq_seq')
      )`);
    // History after a cursor and the replay's merge both read one session's messages by seq.
    await queryRunner.query(`CREATE INDEX chat_messages_session_seq ON chat_messages (session_id, seq)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE chat_messages`);
  }
}

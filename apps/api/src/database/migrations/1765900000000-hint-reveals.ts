import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staged hints an interviewer revealed in the room (issue 17), one row per session, round, phase
 * and stage, so a retried reveal is stored once. The text is a snapshot: the scorecard and the
 * replay show what the candidate read, even after the prompt's hints are rewritten. A stage
 * after the first needs the one before it (the self-referencing key; NULL for stage 1 is not
 * checked), so hints come out in order whatever the client sends. `seq` is drawn from the
 * whiteboard log's sequence, like the chat's, so the replay merges all three by seq.
 */
export class HintReveals1765900000000 implements MigrationInterface {
  name = 'HintReveals1765900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE hint_reveals (
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        round smallint NOT NULL CHECK (round BETWEEN 1 AND 2),
        phase text NOT NULL,
        stage smallint NOT NULL CHECK (stage BETWEEN 1 AND 3),
        previous_stage smallint GENERATED ALWAYS AS (NULLIF(stage - 1, 0)) STORED,
        text text NOT NULL,
        revealed_by uuid NOT NULL REFERENCES users (id),
        revealed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        seq bigint NOT NULL UNIQUE DEFAULT nextval('room_events_seq_seq'),
        PRIMARY KEY (session_id, round, phase, stage),
        FOREIGN KEY (session_id, round, phase, previous_stage)
          REFERENCES hint_reveals (session_id, round, phase, stage) ON DELETE CASCADE
      )`);
    // The replay's merge reads one session's reveals by seq.
    await queryRunner.query(`CREATE INDEX hint_reveals_session_seq ON hint_reveals (session_id, seq)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE hint_reveals`);
  }
}

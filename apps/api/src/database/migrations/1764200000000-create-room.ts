import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRoom1764200000000 implements MigrationInterface {
  name = 'CreateRoom1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The merged scene, one row per element: the winner of Excalidraw's rule for that id.
    await queryRunner.query(`
      CREATE TABLE scene_elements (
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        element_id text NOT NULL,
        version integer NOT NULL,
        version_nonce bigint NOT NULL,
        is_deleted boolean NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (session_id, element_id)
      )`);

    // Every accepted change, in order, with its time: the replay. `seq` also versions the scene.
    await queryRunner.query(`
      CREATE TABLE room_events (
        seq bigserial PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        kind text NOT NULL CHECK (kind IN ('scene', 'phase', 'round')),
        element jsonb,
        phase text,
        round smallint
      )`);
    await queryRunner.query(`CREATE INDEX room_events_session_seq ON room_events (session_id, seq)`);

    await queryRunner.query(`
      CREATE TABLE room_state (
        session_id uuid PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
        round smallint NOT NULL DEFAULT 1,
        phase text NOT NULL,
        phase_started_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE interviewer_notes (
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        round smallint NOT NULL,
        author_id uuid NOT NULL REFERENCES users (id),
        text text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, round, author_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE scene_files (
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        file_id text NOT NULL,
        mime_type text NOT NULL,
        data bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, file_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['scene_files', 'interviewer_notes', 'room_state', 'room_events', 'scene_elements']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-session budgets for the whiteboard (issue 11: one user wrote 200 MB of log in 26 s). The
 * writer checks them under the scene's lock and updates the counters in the batch's own
 * statements, so summing the tables is never needed: `scene_usage` holds each session's bytes of
 * stored elements and of change log, and each element row its own size, so a batch knows how much
 * an edit grows the scene. Existing sessions are counted here once.
 */
export class WhiteboardBudget1764700000000 implements MigrationInterface {
  name = 'WhiteboardBudget1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE scene_elements ADD COLUMN bytes integer NOT NULL DEFAULT 0`);
    // jsonb's text is close to, not exactly, the JSON as sent (which the writer counts from now on).
    await queryRunner.query(`UPDATE scene_elements SET bytes = octet_length(data::text)`);
    await queryRunner.query(`
      CREATE TABLE scene_usage (
        session_id uuid PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
        scene_bytes bigint NOT NULL DEFAULT 0,
        log_bytes bigint NOT NULL DEFAULT 0
      )`);
    await queryRunner.query(`
      INSERT INTO scene_usage (session_id, scene_bytes, log_bytes)
      SELECT s.id,
        COALESCE((SELECT sum(e.bytes) FROM scene_elements e WHERE e.session_id = s.id), 0),
        COALESCE((SELECT sum(octet_length(r.element::text)) FROM room_events r
                  WHERE r.session_id = s.id AND r.element IS NOT NULL), 0)
      FROM sessions s
      WHERE EXISTS (SELECT 1 FROM scene_elements e WHERE e.session_id = s.id)
         OR EXISTS (SELECT 1 FROM room_events r WHERE r.session_id = s.id AND r.element IS NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE scene_usage`);
    await queryRunner.query(`ALTER TABLE scene_elements DROP COLUMN bytes`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each stored element remembers the seq of the log row that last changed it, so a join can answer
 * with only what changed after the version a client already holds (`since`, issue 12). Rows
 * written before this take the seq of their element's latest scene row in the log (0 when the log
 * has none: such an element is only in full joins).
 */
export class SceneElementSeq1764900000000 implements MigrationInterface {
  name = 'SceneElementSeq1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE scene_elements ADD COLUMN seq bigint NOT NULL DEFAULT 0`);
    await queryRunner.query(`
      UPDATE scene_elements e SET seq = logged.seq
      FROM (SELECT session_id, element->>'id' AS element_id, max(seq) AS seq
            FROM room_events WHERE kind = 'scene' GROUP BY session_id, element->>'id') AS logged
      WHERE logged.session_id = e.session_id AND logged.element_id = e.element_id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE scene_elements DROP COLUMN seq`);
  }
}

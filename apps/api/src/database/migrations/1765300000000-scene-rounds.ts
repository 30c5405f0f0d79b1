import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each round of a session draws on its own board (issue 14: round 2 started on round 1's drawing).
 * Stored elements and the log's scene rows carry the round they were drawn in; what existed before
 * is round 1's. (The timestamp 1765200000000 was already taken by OptionalTargetLevel.)
 */
export class SceneRounds1765300000000 implements MigrationInterface {
  name = 'SceneRounds1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE scene_elements ADD COLUMN round smallint NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE scene_elements DROP CONSTRAINT scene_elements_pkey`);
    await queryRunner.query(`ALTER TABLE scene_elements ADD PRIMARY KEY (session_id, round, element_id)`);
    await queryRunner.query(`UPDATE room_events SET round = 1 WHERE kind = 'scene' AND round IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Round 2's boards have nowhere to go in one board per session: they are dropped.
    await queryRunner.query(`DELETE FROM scene_elements WHERE round <> 1`);
    await queryRunner.query(`ALTER TABLE scene_elements DROP CONSTRAINT scene_elements_pkey`);
    await queryRunner.query(`ALTER TABLE scene_elements ADD PRIMARY KEY (session_id, element_id)`);
    await queryRunner.query(`ALTER TABLE scene_elements DROP COLUMN round`);
    await queryRunner.query(`UPDATE room_events SET round = NULL WHERE kind = 'scene'`);
  }
}

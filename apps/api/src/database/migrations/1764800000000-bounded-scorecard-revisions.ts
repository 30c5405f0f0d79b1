import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scorecard revisions are bounded (issue 11: autosave kept one per save, without limit): a run of
 * one author's saves within a few minutes is folded into one revision, and past a cap the oldest
 * ordinary revisions are pruned (libs/rubric revisions.ts). `started_at` is when the first save
 * folded into a revision was made, so a run cannot stretch forever; rows written before this
 * migration each hold one save (NULL, read as edited_at). The trigger refusing UPDATE stays:
 * folding deletes the latest revision and writes it anew, under the session lock of the save.
 */
export class BoundedScorecardRevisions1764800000000 implements MigrationInterface {
  name = 'BoundedScorecardRevisions1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE scorecard_revisions ADD COLUMN started_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE scorecard_revisions DROP COLUMN started_at`);
  }
}

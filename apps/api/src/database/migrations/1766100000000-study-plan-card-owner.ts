import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A card's column belongs to the card's owner (issue 17): the service checks it on every move, and
 * now the database makes a card in another user's column impossible whatever a query does.
 */
export class StudyPlanCardOwner1766100000000 implements MigrationInterface {
  name = 'StudyPlanCardOwner1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE study_plan_columns ADD CONSTRAINT study_plan_columns_id_owner UNIQUE (id, user_id)`,
    );
    await queryRunner.query(
      `ALTER TABLE study_plan_cards ADD CONSTRAINT study_plan_cards_column_owner
         FOREIGN KEY (column_id, user_id) REFERENCES study_plan_columns (id, user_id) ON DELETE CASCADE`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE study_plan_cards DROP CONSTRAINT study_plan_cards_column_owner`);
    await queryRunner.query(`ALTER TABLE study_plan_columns DROP CONSTRAINT study_plan_columns_id_owner`);
  }
}

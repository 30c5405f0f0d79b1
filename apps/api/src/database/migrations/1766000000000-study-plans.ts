import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The study plan (issue 17): one board per user, written from the prompt library at the first visit
 * and the user's own from then on. Positions are dense per board (columns) and per column (cards);
 * every write locks the board's row first, so two writes never renumber the same list at once.
 * A completion row records each (session, prompt) already applied to the board, so a completed
 * mock marks its prompt's cards done exactly once, and a card the user moves back stays there.
 */
export class StudyPlans1766000000000 implements MigrationInterface {
  name = 'StudyPlans1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE study_plans (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE study_plan_columns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES study_plans (user_id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 0),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 80)
      )`);
    await queryRunner.query(`CREATE INDEX study_plan_columns_user ON study_plan_columns (user_id, position)`);
    await queryRunner.query(`
      CREATE TABLE study_plan_cards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES study_plans (user_id) ON DELETE CASCADE,
        column_id uuid NOT NULL REFERENCES study_plan_columns (id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 0),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('topic', 'prompt', 'custom')),
        prompt_id text,
        status text NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'doing', 'done')),
        notes text NOT NULL DEFAULT '' CHECK (char_length(notes) <= 5000),
        links jsonb NOT NULL DEFAULT '[]',
        completed_by_session uuid REFERENCES sessions (id) ON DELETE SET NULL,
        completed_at timestamptz,
        CHECK ((kind = 'prompt') = (prompt_id IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX study_plan_cards_column ON study_plan_cards (column_id, position)`);
    await queryRunner.query(
      `CREATE INDEX study_plan_cards_prompt ON study_plan_cards (user_id, prompt_id) WHERE prompt_id IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE study_plan_completions (
        user_id uuid NOT NULL REFERENCES study_plans (user_id) ON DELETE CASCADE,
        session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        prompt_id text NOT NULL,
        PRIMARY KEY (user_id, session_id, prompt_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE study_plan_completions`);
    await queryRunner.query(`DROP TABLE study_plan_cards`);
    await queryRunner.query(`DROP TABLE study_plan_columns`);
    await queryRunner.query(`DROP TABLE study_plans`);
  }
}

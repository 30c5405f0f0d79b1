import { startTestApp, type TestApp } from './support/test-app';

/** Issue 17's tables, newest first: the migrations a rollback of that release undoes. */
const ISSUE_17_TABLES = [
  'study_plan_completions',
  'study_plan_cards',
  'study_plan_columns',
  'study_plans',
  'hint_reveals',
];

describe('the migrations', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp();
  });
  afterAll(() => server.close());

  const tables = async (): Promise<string[]> =>
    (
      (await server.dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`,
      )) as { table_name: string }[]
    ).map((row) => row.table_name);

  /** The checks and keys issue 18 added to hint_reveals (HintRevealRoundAndPhase). */
  const hintRevealConstraints = async (): Promise<string[]> =>
    (
      (await server.dataSource.query(
        `SELECT conname FROM pg_constraint WHERE conrelid = 'hint_reveals'::regclass
           AND conname IN ('hint_reveals_round_fkey', 'hint_reveals_phase_check') ORDER BY conname`,
      )) as { conname: string }[]
    ).map((row) => row.conname);

  it("undo issue 17's (hint reveals, study plans) and every later one, and apply them again", async () => {
    const names = server.dataSource.migrations.map((migration) => migration.name);
    const since = names.indexOf('HintReveals1765900000000');
    expect(names.slice(since, since + 3)).toEqual([
      'HintReveals1765900000000',
      'StudyPlans1766000000000',
      'StudyPlanCardOwner1766100000000',
    ]);

    for (let undone = since; undone < names.length; undone += 1) {
      await server.dataSource.undoLastMigration({ transaction: 'each' });
    }
    expect((await tables()).filter((table) => ISSUE_17_TABLES.includes(table))).toEqual([]);
    expect(await server.dataSource.showMigrations()).toBe(true);

    await server.dataSource.runMigrations({ transaction: 'each' });
    expect(await tables()).toEqual(expect.arrayContaining(ISSUE_17_TABLES));
    expect(await hintRevealConstraints()).toEqual(['hint_reveals_phase_check', 'hint_reveals_round_fkey']);
    expect(await server.dataSource.showMigrations()).toBe(false);
  });
});

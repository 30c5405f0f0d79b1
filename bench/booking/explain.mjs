// What PostgreSQL does with the search: EXPLAIN (ANALYZE, BUFFERS) of the app's queries.
import { searchSql } from './baseline.mjs';

export const OPEN_SLOTS_INDEX = 'slots_open_starts_at';

async function explain(pool, text, values) {
  const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
  return rows.map((row) => row['QUERY PLAN']);
}

/** The search's query (slots and their hosts, as JSON), and whether it reads the partial index on open slots. */
export async function explainSearch(pool, filter) {
  const { text, values } = searchSql(filter);
  const plan = await explain(pool, text, values);
  return {
    plan,
    usesOpenSlotsIndex: plan.some((line) => line.includes(OPEN_SLOTS_INDEX)),
    executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(plan.join('\n'))?.[1]),
  };
}

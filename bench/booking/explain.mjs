// What PostgreSQL does with the search: EXPLAIN (ANALYZE, BUFFERS) of the app's queries.
import { PARTNERS_SQL, searchSql } from './baseline.mjs';

export const OPEN_SLOTS_INDEX = 'slots_open_starts_at';

async function explain(pool, text, values) {
  const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
  return rows.map((row) => row['QUERY PLAN']);
}

/** The slot query of a search, and whether it reads the partial index on open slots. */
export async function explainSearch(pool, filter) {
  const { text, values } = searchSql(filter);
  const plan = await explain(pool, text, values);
  return { plan, usesOpenSlotsIndex: plan.some((line) => line.includes(OPEN_SLOTS_INDEX)) };
}

/**
 * The host-reliability query a search runs after the slot query, for the hosts of the search's
 * rows. Reports its time and whether a subplan scans the whole sessions table once per host.
 */
export async function explainPartners(pool, filter) {
  const { rows } = await pool.query(searchSql(filter));
  const hostIds = [...new Set(rows.map((row) => row.host_id))];
  const plan = await explain(pool, PARTNERS_SQL, [hostIds]);
  const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(plan.join('\n'))?.[1]);
  return {
    plan,
    hosts: hostIds.length,
    executionMs,
    // A sequential scan of sessions repeated once per host (loops > 1), as correlated subqueries did.
    scansSessionsPerHost: plan.some(
      (line) => /Seq Scan on sessions/.test(line) && Number(/loops=(\d+)/.exec(line)?.[1] ?? 1) > 1,
    ),
  };
}

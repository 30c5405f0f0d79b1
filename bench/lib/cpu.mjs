// CPU time spent during a phase by the server process, by the PostgreSQL backends serving it and by
// this process (the load generator), from Linux's /proc. Other work on the machine is left out:
// backends are picked by application_name, so a test run sharing the database does not count.
import { readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on every Linux this runs on (getconf CLK_TCK)

/** utime + stime of one process in ms, or null when /proc cannot tell (not Linux, process gone). */
function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

/** `applicationName`: the backends to count (the app's or the baseline's connections). */
export async function cpuSnapshot(pool, { serverPid, applicationName }) {
  const { rows } = await pool.query('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [
    applicationName,
  ]);
  const backends = new Map();
  for (const { pid } of rows) {
    const ms = processCpuMs(pid);
    if (ms !== null) backends.set(pid, ms);
  }
  const own = process.cpuUsage();
  return {
    server: serverPid ? processCpuMs(serverPid) : null,
    backends,
    loadGenerator: (own.user + own.system) / 1000,
  };
}

/**
 * CPU ms per operation of each party between two snapshots. A backend that started in between
 * counts from zero; one that ended is lost (pools keep busy connections, so that is rare).
 */
export function cpuPerOperation(before, after, operations) {
  if (!before || operations === 0) return null;
  let postgres = 0;
  for (const [pid, ms] of after.backends) postgres += ms - (before.backends.get(pid) ?? 0);
  const per = (ms) => ms / operations;
  return {
    server: before.server === null || after.server === null ? null : per(after.server - before.server),
    postgres: after.backends.size ? per(postgres) : null,
    loadGenerator: per(after.loadGenerator - before.loadGenerator),
  };
}

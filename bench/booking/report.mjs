// Prints what the booking benchmark measured: setup, query plans, every phase, and app / baseline.
import { cpus } from 'node:os';
import { fixed, formatTable, ratio, whole } from '../lib/table.mjs';
import { OPEN_SLOTS_INDEX } from './explain.mjs';

export async function printReport({ pool, settings, setup, explained, phases }) {
  const { rows } = await pool.query('SHOW server_version');
  const cores = cpus();
  console.log(
    `\nBooking benchmark: ${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown CPU'}), ` +
      `Node ${process.version}, PostgreSQL ${rows[0].server_version}`,
  );
  console.log(
    `${settings.concurrency} closed-loop clients, ${settings.seconds} s per phase after ${settings.warmupSeconds} s ` +
      `of warm-up; app and baseline pools of ${settings.poolSize} connections`,
  );
  console.log(
    `Seeded ${whole(setup.slots)} open slots by ${whole(setup.hosts)} hosts and ${whole(setup.pastSessions)} past ` +
      `sessions in ${fixed(setup.seedSeconds)} s; ` +
      `registered ${setup.bookers} bookers through the API in ${fixed(setup.registerSeconds)} s`,
  );
  console.log(
    `A 7-day search returns ${setup.rows.count} slots (${whole(setup.rows.bytes / 1024)} KiB of JSON from the API)`,
  );
  console.log(
    `1-minute load average ${fixed(setup.loadBefore, 2)} before, ${fixed(setup.loadAfter, 2)} after ` +
      `(other work on the machine lowers throughput; the CPU columns are less sensitive to it)\n`,
  );

  for (const [title, result] of [
    ['Search query plan (7 days)', explained.search],
    [`Search query plan (7 days, one level)`, explained.searchLevel],
  ]) {
    console.log(
      `${title}: uses the partial index ${OPEN_SLOTS_INDEX}: ${result.usesOpenSlotsIndex ? 'yes' : 'NO'}`,
    );
    for (const line of result.plan) console.log(`    ${line}`);
  }
  console.log(
    `The search's query, after ${whole(explained.sessions)} bookings: ${fixed(explained.searchAfterBookings.executionMs)} ms ` +
      `(the hosts' reliability counts are read from their user rows)`,
  );
  console.log(
    '\nEvery phase (latencies in ms; CPU in ms per request: the server process, the PostgreSQL backends ' +
      'serving this side, this process)\n',
  );
  console.log(
    formatTable(
      [
        { title: 'Scenario', align: 'left' },
        { title: 'Path', align: 'left' },
        { title: 'Requests' },
        { title: 'Per second' },
        { title: 'p50' },
        { title: 'p95' },
        { title: 'p99' },
        { title: 'Errors' },
        { title: 'CPU server' },
        { title: 'CPU postgres' },
        { title: 'CPU client' },
      ],
      phases.map((phase) => [
        phase.scenario + (phase.races ? ` (${phase.races.won}/${phase.races.of} won once)` : ''),
        phase.side,
        whole(phase.count),
        whole(phase.perSecond),
        fixed(phase.p50),
        fixed(phase.p95),
        fixed(phase.p99),
        whole(phase.failures),
        fixed(phase.cpu?.server ?? NaN, 2),
        fixed(phase.cpu?.postgres ?? NaN, 2),
        fixed(phase.cpu?.loadGenerator ?? NaN, 2),
      ]),
    ),
  );
  for (const phase of phases.filter((candidate) => candidate.exhausted)) {
    console.log(
      `(${phase.scenario}, ${phase.side}: ran out of open slots after ${fixed(phase.wallMs / 1000)} s ` +
        `of the ${settings.seconds}; its rate is over that time)`,
    );
  }

  console.log('\nApp / baseline (throughput below 1× and p99 above 1× are the cost of the API)\n');
  const comparisons = [];
  for (const app of phases.filter((phase) => phase.side === 'app')) {
    const baselineOf = (scenario) =>
      phases.find((phase) => phase.side === 'baseline' && phase.scenario === scenario);
    const base = baselineOf(app.scenario) ?? baselineOf(app.scenario.replace(/, after .* bookings$/, ''));
    if (base) comparisons.push([app.scenario, app, base]);
  }
  console.log(
    formatTable(
      [
        { title: 'Scenario', align: 'left' },
        { title: 'App /s' },
        { title: 'Baseline /s' },
        { title: 'Throughput app/baseline' },
        { title: 'App p99' },
        { title: 'Baseline p99' },
        { title: 'p99 app/baseline' },
      ],
      comparisons.map(([scenario, app, base]) => [
        scenario,
        whole(app.perSecond),
        whole(base.perSecond),
        ratio(app.perSecond / base.perSecond),
        fixed(app.p99),
        fixed(base.p99),
        ratio(app.p99 / base.p99),
      ]),
    ),
  );

  // The third target: a search once the bookings exist is no slower than before them.
  const searches = phases.filter(
    (phase) => phase.side === 'app' && /^search 7 days(, after .*)?$/.test(phase.scenario),
  );
  if (searches.length === 2) {
    const [before, after] = searches;
    console.log(
      `\nApp search after the bookings / before them: ${ratio(after.perSecond / before.perSecond)} the rate, ` +
        `${ratio(after.p99 / before.p99)} the p99`,
    );
  }
  // Delivered between phases, so that no phase pays for an earlier one's mail (index.mjs: settle).
  for (const drain of setup.drains ?? []) {
    console.log(
      `Before ${drain.scenario} (${drain.side}), the server delivered what earlier phases left: ` +
        `${whole(drain.mail)} mails and ${whole(drain.outbox)} outbox rows in ${fixed(drain.seconds)} s` +
        (drain.seconds > 0 ? ` (${whole(drain.mail / drain.seconds)} mails/s)` : ''),
    );
  }
}

// The booking benchmark: slot search and booking through the real server, next to the same SQL sent
// straight to PostgreSQL (the baseline), in one run on one freshly seeded schema.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { cpuPerOperation, cpuSnapshot } from '../lib/cpu.mjs';
import {
  benchDatabaseUrl,
  dropSchema,
  freshSchemaName,
  keepBtreeGistInPublic,
  schemaPool,
} from '../lib/database.mjs';
import { closedLoop, summarize } from '../lib/load.mjs';
import { startServer } from '../lib/server.mjs';
import * as api from './app-client.mjs';
import * as baseline from './baseline.mjs';
import { explainSearch } from './explain.mjs';
import { BOOKERS, RACERS, planPhases } from './plan.mjs';
import { printReport } from './report.mjs';
import { PAST_SESSIONS, SEEDED_HOSTS, firstSlotStart, seedDeployment } from './seed.mjs';

export const description = 'slot search and booking: the API against the same SQL through pg';

/** The app's TypeORM pool size (apps/api/src/database/data-source.ts); the baseline gets the same. */
const POOL_SIZE = 10;
const SEARCH_LEVEL = 'senior';

function readSettings(env) {
  return {
    concurrency: positive(env.BENCH_CONCURRENCY, 16, 'BENCH_CONCURRENCY'),
    seconds: positive(env.BENCH_SECONDS, 5, 'BENCH_SECONDS'),
    warmupSeconds: positive(env.BENCH_WARMUP_SECONDS, 1, 'BENCH_WARMUP_SECONDS'),
  };
}

/**
 * bench/run.mjs stops a benchmark that overruns this; ours grows with the phases' length. Eight
 * phases run for their warm-up and measurement; the app's bookings leave two mails each, which
 * the server delivers before the next phase in ~2 s per second of booking (4,753 mails in 11.3 s
 * after a 6-s phase, 7 Dec), allowed 3; the seed, the sign-ups, the races and the server's start
 * and stop took ~12 s, allowed 60 for a slower machine.
 */
export const timeLimitMs = (() => {
  try {
    const { seconds, warmupSeconds } = readSettings(process.env);
    return (60 + (8 + 3) * (seconds + warmupSeconds)) * 1000;
  } catch {
    // A bad setting: run() stops at once with its message, so any limit will do.
    return 60_000;
  }
})();

export async function run({ root, env, onCleanup, log }) {
  const settings = readSettings(env);
  const databaseUrl = benchDatabaseUrl(env);
  const schema = freshSchemaName();
  const errors = [];
  let server = null;
  // application_name tells this run's backends apart, for the CPU columns.
  const applicationName = { app: `${schema}:app`, baseline: `${schema}:baseline` };
  const pool = schemaPool(databaseUrl, schema, POOL_SIZE, applicationName.baseline);
  let cleaned = null;
  const cleanup = () =>
    (cleaned ??= (async () => {
      const exit = await server?.stop();
      if (exit && exit.code !== 0)
        errors.push(`the server exited with ${exit.code ?? exit.signal} on SIGTERM`);
      await pool.end();
      await dropSchema(databaseUrl, schema);
    })());
  onCleanup(cleanup);

  try {
    await keepBtreeGistInPublic(databaseUrl);
    log(`Starting the server on schema ${schema}…`);
    // BENCH_BOOKING_CPU_PROF=<dir>: the server runs under `node --cpu-prof` (summarize a profile with
    // bench/realtime/cpu-profile.mjs; each phase's log line says where it starts in the profile).
    const profileDir = env.BENCH_BOOKING_CPU_PROF;
    const serverStarted = performance.now();
    const sinceStart = () =>
      `${((performance.now() - serverStarted) / 1000).toFixed(1)} s after the server started`;
    server = startServer({
      root,
      databaseUrl,
      schema,
      env: { PGAPPNAME: applicationName.app },
      nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    });
    const url = await server.ready;
    const setup = { loadBefore: loadavg()[0] };

    let started = performance.now();
    const base = firstSlotStart();
    const slots = await seedDeployment(pool, { root, base });
    setup.seedSeconds = (performance.now() - started) / 1000;
    const plan = planPhases(slots, base);
    log(
      `Seeded ${slots.length} open slots by ${SEEDED_HOSTS} hosts and ${PAST_SESSIONS} past sessions in ${setup.seedSeconds.toFixed(1)} s`,
    );

    started = performance.now();
    const bookers = await api.registerBookers(url, BOOKERS, { runId: schema });
    setup.registerSeconds = (performance.now() - started) / 1000;
    log(`Registered ${BOOKERS} bookers through the API in ${setup.registerSeconds.toFixed(1)} s`);

    const window = {
      from: new Date(plan.search.from).toISOString(),
      to: new Date(plan.search.to).toISOString(),
    };
    const filter = (level) => ({ ...plan.search, level, excludeHostId: bookers[0].id });
    const explained = {
      search: await explainSearch(pool, filter()),
      searchLevel: await explainSearch(pool, filter(SEARCH_LEVEL)),
    };
    setup.rows = await compareSearchResults(url, pool, bookers[0], window, filter, errors);

    const phases = [];
    const snapshot = (side) =>
      cpuSnapshot(pool, {
        serverPid: side === 'app' ? server.pid : null,
        applicationName: applicationName[side],
      });
    // Each phase starts once the server has delivered what the phases before it left (bookings'
    // mails and notifications): its workers would otherwise take CPU from the next phase, whichever
    // side it measures. Unsettled, the baseline booked ~20 % slower after the app's bookings.
    const settle = async (scenario, side) => {
      const drained = await deliverLeftovers(pool);
      if (drained.mail + drained.outbox > 0) setup.drains.push({ scenario, side, ...drained });
    };
    setup.drains = [];
    const measure = async (scenario, side, load) => {
      await settle(scenario, side);
      log(`Measuring ${scenario} (${side}), ${sinceStart()}…`);
      let before;
      const result = await closedLoop({
        concurrency: settings.concurrency,
        warmupMs: settings.warmupSeconds * 1000,
        durationMs: settings.seconds * 1000,
        onMeasure: async () => (before = await snapshot(side)),
        ...load,
      });
      const cpu = cpuPerOperation(before, await snapshot(side), result.latencies.length);
      noteFailures(errors, `${scenario} (${side})`, [...result.warmupFailures, ...result.failures]);
      phases.push({
        scenario,
        side,
        ...summarize(result),
        cpu,
        exhausted: result.exhausted,
        wallMs: result.wallMs,
      });
    };
    const anyBooker = roundRobin(bookers);

    const search = 'search 7 days';
    const searchLevel = `search 7 days, level=${SEARCH_LEVEL}`;
    await measure(search, 'app', {
      nextTask: anyBooker,
      execute: (booker) => api.searchSlots(url, booker.token, window),
    });
    await measure(search, 'baseline', {
      nextTask: anyBooker,
      execute: (booker) => baseline.searchSlots(pool, { ...plan.search, excludeHostId: booker.id }),
    });
    await measure(searchLevel, 'app', {
      nextTask: anyBooker,
      execute: (booker) => api.searchSlots(url, booker.token, { ...window, level: SEARCH_LEVEL }),
    });
    await measure(searchLevel, 'baseline', {
      nextTask: anyBooker,
      execute: (booker) =>
        baseline.searchSlots(pool, { ...plan.search, level: SEARCH_LEVEL, excludeHostId: booker.id }),
    });

    const booked = { app: 0, baseline: 0 };
    const counted = (side) => (outcome) => {
      if (outcome.status === 201) booked[side] += 1;
      return outcome;
    };
    const book = 'book an open slot';
    await measure(book, 'app', {
      nextTask: supply(plan.app),
      execute: ({ slot, booker }) => api.bookSlot(url, bookers[booker].token, slot.id).then(counted('app')),
    });
    await measure(book, 'baseline', {
      nextTask: supply(plan.baseline),
      execute: ({ slot, booker }) =>
        baseline.bookSlot(pool, bookers[booker].id, slot.id).then(counted('baseline')),
    });

    const scenario = `${RACERS} bookers race for each of ${plan.races.app.length} slots`;
    log(`Measuring ${scenario}, ${sinceStart()}…`);
    await api.openConnections(url, RACERS);
    const race = async (side, slots, attempt) => {
      await settle(scenario, side);
      const before = await snapshot(side);
      const result = await races(`${scenario} (${side})`, slots, errors, attempt);
      const cpu = cpuPerOperation(before, await snapshot(side), result.count);
      phases.push({ scenario, side, ...result, cpu });
    };
    await race('app', plan.races.app, (slot, racer) =>
      api.bookSlot(url, bookers[racer].token, slot.id, [201, 409]),
    );
    await race('baseline', plan.races.baseline, (slot, racer) =>
      baseline.bookSlot(pool, bookers[racer].id, slot.id, [201, 409]),
    );

    const sessions = (await countSessions(pool)) - PAST_SESSIONS;
    const expected = booked.app + booked.baseline + plan.races.app.length + plan.races.baseline.length;
    if (sessions !== expected) errors.push(`${sessions} sessions in the database, expected ${expected}`);
    // Nothing in the search window was booked: only the size of the sessions table has changed.
    const after = `after ${sessions.toLocaleString('en-US')} bookings`;
    await measure(`${search}, ${after}`, 'app', {
      nextTask: anyBooker,
      execute: (booker) => api.searchSlots(url, booker.token, window),
    });
    await measure(`${search}, ${after}`, 'baseline', {
      nextTask: anyBooker,
      execute: (booker) => baseline.searchSlots(pool, { ...plan.search, excludeHostId: booker.id }),
    });
    explained.searchAfterBookings = await explainSearch(pool, filter());
    explained.sessions = sessions;

    setup.loadAfter = loadavg()[0];
    noteServerWarnings(errors, server.warnings);
    await printReport({
      pool,
      settings: { ...settings, poolSize: POOL_SIZE },
      setup: {
        ...setup,
        slots: slots.length,
        hosts: SEEDED_HOSTS,
        pastSessions: PAST_SESSIONS,
        bookers: BOOKERS,
      },
      explained,
      phases,
    });
  } catch (error) {
    errors.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  } finally {
    await cleanup().catch((error) => errors.push(`cleanup: ${error.message}`));
  }
  return { errors };
}

/** The API and the baseline must return the same rows, or the comparison means nothing. */
async function compareSearchResults(url, pool, viewer, window, filter, errors) {
  const response = await api.searchSlots(url, viewer.token, window);
  if (!response.ok) throw new Error(response.detail);
  const appIds = JSON.parse(Buffer.from(response.body).toString('utf8')).slots.map((slot) => slot.id);
  const rows = JSON.parse(await baseline.searchBody(pool, filter())).slots;
  if (appIds.join() !== rows.map((row) => row.id).join()) {
    errors.push(`The API's search returned ${appIds.length} slots, the baseline's ${rows.length} others`);
  }
  return { count: appIds.length, bytes: response.bytes };
}

/** Each slot, RACERS bookers at once; exactly one may win, every other one must get a 409. */
async function races(phase, slots, errors, attempt) {
  const latencies = [];
  const failures = [];
  let won = 0;
  const started = performance.now();
  for (const slot of slots) {
    const outcomes = await Promise.all(
      Array.from({ length: RACERS }, async (_, racer) => {
        const sent = performance.now();
        const outcome = await attempt(slot, racer).catch((error) => ({ ok: false, detail: error.message }));
        latencies.push(performance.now() - sent);
        return outcome;
      }),
    );
    const winners = outcomes.filter((outcome) => outcome.status === 201).length;
    if (winners === 1) won += 1;
    else failures.push(`slot ${slot.id} was booked ${winners} times by ${RACERS} racers`);
    failures.push(...outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.detail));
  }
  const wallMs = performance.now() - started;
  noteFailures(errors, phase, failures);
  return { ...summarize({ latencies, failures, wallMs }), races: { won, of: slots.length } };
}

/** How long the server may take to deliver what a phase left: ~3,000 mails take 5–15 s on 2 cores. */
const DRAIN_TIMEOUT_MS = 120_000;

/**
 * Waits until the server has delivered everything due (outbox rows: notifications; outgoing mail:
 * two confirmations a booking), and says how much that was and how long it took.
 */
async function deliverLeftovers(pool) {
  const started = performance.now();
  const first = await dueDeliveries(pool);
  let left = first;
  while (left.outbox + left.mail > 0) {
    if (performance.now() - started > DRAIN_TIMEOUT_MS) {
      throw new Error(
        `the server still had ${left.mail} mails and ${left.outbox} outbox rows to deliver after ` +
          `${DRAIN_TIMEOUT_MS / 1000} s (of ${first.mail} and ${first.outbox})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = await dueDeliveries(pool);
  }
  return { ...first, seconds: (performance.now() - started) / 1000 };
}

async function dueDeliveries(pool) {
  const { rows } = await pool.query(
    `SELECT (SELECT count(*)::int FROM outbox
              WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()) AS outbox,
            (SELECT count(*)::int FROM outgoing_mail
              WHERE sent_at IS NULL AND skipped_at IS NULL AND failed_at IS NULL AND due_at <= now()) AS mail`,
  );
  return rows[0];
}

async function countSessions(pool) {
  const { rows } = await pool.query('SELECT count(*)::int AS count FROM sessions');
  return rows[0].count;
}

function roundRobin(items) {
  let next = 0;
  return () => items[next++ % items.length];
}

/** Hands out each item once, then null: a finite supply of open slots. */
function supply(items) {
  let next = 0;
  return () => (next < items.length ? items[next++] : null);
}

function noteFailures(errors, phase, failures) {
  if (failures.length === 0) return;
  const distinct = [...new Set(failures)].slice(0, 3).join('\n    ');
  errors.push(`${phase}: ${failures.length} failed, e.g.\n    ${distinct}`);
}

function noteServerWarnings(errors, warnings) {
  const serious = warnings.filter((line) => /"level":"error"/.test(line));
  if (serious.length) errors.push(`the server logged errors:\n    ${serious.slice(0, 3).join('\n    ')}`);
}

function positive(value, fallback, name) {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!(number > 0)) throw new Error(`${name} must be a positive number (got "${value}")`);
  return number;
}

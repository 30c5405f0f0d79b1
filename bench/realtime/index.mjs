// The realtime benchmark: N rooms × 2 peers drawing (scene:update at 10 Hz) and moving their cursors
// (pointer:update at 20 Hz) through the built app, and through a bare socket.io relay (the baseline)
// under the identical load, for each N; with BENCH_REALTIME_NEIGHBOURS=1, beside a CPU hog and another
// busy server. bench/README.md (Realtime) says what is measured.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { benchDatabaseUrl, dropSchema, keepBtreeGistInPublic, schemaPool } from '../lib/database.mjs';
import { clockFrom, createLoadGenerator } from './load-generator.mjs';
import { describeNeighbours, startNeighbours } from './neighbours.mjs';
import { checkPerfWorks, recordServer } from './perf-record.mjs';
import { formatNeighbours, formatRooms, formatSummary } from './report.mjs';
import { seedRooms, signIn } from './seed.mjs';
import { serverLoopDelay } from './server-loop-delay.mjs';
import {
  TARGETS,
  backendPids,
  cpuMs,
  machineBusyMs,
  newJwtSecret,
  peakRssMiB,
  startTarget,
} from './servers.mjs';
import { summarize } from './summary.mjs';
import { targetVerdicts } from './verdicts.mjs';

export const description =
  'N rooms × 2 peers (scene 10 Hz, pointer 20 Hz): the app against a bare socket.io relay';

const GRACE_MS = 3_000;

export function readSettings(env) {
  const list = (value, fallback) =>
    value
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
      : fallback;
  const number = (name, fallback, { zero = false } = {}) => {
    const value = env[name] === undefined || env[name] === '' ? fallback : Number(env[name]);
    if (!(value > 0 || (zero && value === 0)))
      throw new Error(`${name} must be a ${zero ? 'non-negative' : 'positive'} number (got "${env[name]}")`);
    return value;
  };
  // 50 and 100: issue 18's cost and latency targets; 200 and 500: overload, which must degrade evenly.
  const rooms = list(env.BENCH_REALTIME_ROOMS, ['50', '100', '200', '500']).map(Number);
  if (rooms.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error('BENCH_REALTIME_ROOMS: whole numbers, e.g. 50,100,200,500');
  const targets = list(env.BENCH_REALTIME_TARGETS, ['app', 'bare']);
  const unknown = targets.filter((target) => !TARGETS[target]);
  if (unknown.length)
    throw new Error(
      `BENCH_REALTIME_TARGETS: unknown ${unknown.join(', ')}; known: ${Object.keys(TARGETS).join(', ')}`,
    );
  return {
    rooms,
    targets,
    seconds: number('BENCH_REALTIME_SECONDS', 15),
    warmupSeconds: number('BENCH_REALTIME_WARMUP_SECONDS', 2),
    workers: Math.round(number('BENCH_REALTIME_WORKERS', 2)),
    // Per peer; 0 leaves that kind of traffic out (e.g. pointers only, to time the relay alone).
    sceneHz: number('BENCH_REALTIME_SCENE_HZ', 10, { zero: true }),
    pointerHz: number('BENCH_REALTIME_POINTER_HZ', 20, { zero: true }),
    // Scene updates a peer leaves unanswered at most, as the web client (8, MAX_UNANSWERED_BATCHES
    // in libs/collab); 0, the default, sends on schedule whatever the answers (load-worker.mjs).
    paced: Math.round(number('BENCH_REALTIME_PACED', 0, { zero: true })),
    profileDir: env.BENCH_REALTIME_CPU_PROF ? resolve(env.BENCH_REALTIME_CPU_PROF) : null,
    // Linux perf on every thread of each server during its measured window (perf-record.mjs).
    perfDir: env.BENCH_REALTIME_PERF ? resolve(env.BENCH_REALTIME_PERF) : null,
    // Cores the busy neighbours (a CPU hog and another server) ask for beside every target, or null.
    neighbourCores: switchedOn(env.BENCH_REALTIME_NEIGHBOURS, 'BENCH_REALTIME_NEIGHBOURS')
      ? number('BENCH_REALTIME_NEIGHBOUR_CORES', 1.5)
      : null,
  };
}

function switchedOn(value, name) {
  const text = (value ?? '').trim().toLowerCase();
  if (['', '0', 'off', 'false', 'no'].includes(text)) return false;
  if (['1', 'on', 'true', 'yes'].includes(text)) return true;
  throw new Error(`${name} must be 1 or 0 (got "${value}")`);
}

/** bench/run.mjs stops a benchmark that overruns this; ours scales with the number of measurements. */
export const timeLimitMs = (() => {
  try {
    const { rooms, targets, seconds, warmupSeconds } = readSettings(process.env);
    return 60_000 + rooms.length * targets.length * (seconds + warmupSeconds + GRACE_MS / 1000 + 30) * 1000;
  } catch {
    return 110_000;
  }
})();

export async function run({ root, env, onCleanup, log }) {
  /** Failures of the run: it exits non-zero. Overload symptoms are results and go to `notes`. */
  const errors = [];
  const notes = [];
  const settings = readSettings(env);
  const databaseUrl = benchDatabaseUrl(env);
  const schema = `bench_rt_${randomBytes(5).toString('hex')}`;
  const applicationName = `${schema}:app`;
  const pool = schemaPool(databaseUrl, schema, 2, `${schema}:bench`, '-c statement_timeout=60000');
  const epochNs = process.hrtime.bigint();
  const clock = clockFrom(epochNs);
  const context = {
    root,
    databaseUrl,
    schema,
    jwtSecret: newJwtSecret(),
    applicationName,
    profileDir: null,
    perfDir: null,
  };
  let server = null;
  let generator = null;
  let neighbours = null;
  let cleaned = null;
  const cleanup = () =>
    (cleaned ??= (async () => {
      await neighbours?.stop();
      await generator?.close().catch(() => undefined);
      await generator?.terminate();
      await server?.stop();
      await pool.end();
      await dropSchema(databaseUrl, schema);
    })());
  onCleanup(cleanup);

  const rows = [];
  try {
    await keepBtreeGistInPublic(databaseUrl);
    log(`Starting the app once to migrate schema ${schema}…`);
    server = await startTarget('app', context);
    const seeded = await seedRooms(pool, { root, rooms: Math.max(...settings.rooms) });
    const started = clock();
    await signIn(server.urls[0], seeded);
    log(
      `Seeded ${seeded.length} open rooms; signed ${seeded.length * 2} peers in in ${((clock() - started) / 1000).toFixed(1)} s`,
    );
    await stopServer(server, errors, notes);
    server = null;

    if (settings.profileDir) mkdirSync(settings.profileDir, { recursive: true });
    context.profileDir = settings.profileDir;
    if (settings.perfDir) {
      checkPerfWorks();
      mkdirSync(settings.perfDir, { recursive: true });
      context.perfDir = settings.perfDir;
    }
    generator = createLoadGenerator({ workers: settings.workers, epochNs });
    const neighbourNote = settings.neighbourCores
      ? `, beside busy neighbours: ${describeNeighbours(settings.neighbourCores)}`
      : '';
    const pacedNote = settings.paced
      ? `; paced: at most ${settings.paced} scene updates unanswered per peer, later edits coalesced (scene figures count edits)`
      : '';
    let measurement = 0;
    for (const rooms of settings.rooms) {
      const forRooms = [];
      for (const target of settings.targets) {
        log(`${rooms} rooms, ${target}: starting, connecting ${rooms * 2} peers…`);
        server = await startTarget(target, context);
        const connect = await generator.connect(TARGETS[target].kind, seeded.slice(0, rooms), server.urls);
        if (connect.failures.length) {
          errors.push(
            `${rooms} rooms, ${target}: ${connect.failures.length} peers could not join, e.g. ${connect.failures[0]}`,
          );
        }
        // Started after the peers joined, so a join failure is the server's and not a starved
        // handshake's; the warm-up lets the server settle beside them before the window opens.
        if (settings.neighbourCores) neighbours = await startNeighbours(root, settings.neighbourCores);
        log(
          `${rooms} rooms, ${target}: measuring ${settings.seconds} s after ${settings.warmupSeconds} s of warm-up${neighbours ? ', busy neighbours beside it' : ''}…`,
        );
        const row = await measure({ target, rooms, tag: `m${measurement++}`, connect });
        await neighbours?.stop();
        neighbours = null;
        forRooms.push(row);
        rows.push(row);
        await generator.close();
        await stopServer(server, errors, notes, `${rooms} rooms, ${target}`);
        server = null;
        noteProblems(errors, notes, row);
      }
      console.log(
        `\n${rooms} rooms × 2 peers — scene ${settings.sceneHz} Hz + pointer ${settings.pointerHz} Hz per peer, ${settings.seconds} s measured${neighbourNote}${pacedNote}\n`,
      );
      console.log(formatRooms(forRooms, { graceMs: GRACE_MS }));
    }

    console.log(
      `\nAll measurements (${cpus().length} cores, load average now ${loadavg()[0].toFixed(1)}):\n`,
    );
    console.log(formatSummary(rows, { graceMs: GRACE_MS }));
    if (settings.neighbourCores) {
      console.log(
        `\nBusy neighbours (${describeNeighbours(settings.neighbourCores)}), the figures issue 18 reads:\n`,
      );
      console.log(formatNeighbours(rows, { graceMs: GRACE_MS }));
    }
    console.log(`\n${targetVerdicts(rows).join('\n')}`);
    if (notes.length) console.log(`\nUnder load (results, not errors):\n  ${notes.join('\n  ')}`);
    if (settings.profileDir) {
      console.log(
        `\nCPU profiles of the app (taken during the runs above, which they slowed): ${settings.profileDir}`,
      );
      console.log('Summarize one with: node bench/realtime/cpu-profile.mjs <file.cpuprofile>');
    }
    if (settings.perfDir) {
      console.log(`\nperf recordings of each server's measured window: ${settings.perfDir}`);
      console.log('Summarize one with: node bench/realtime/perf-threads.mjs <file.perf.data>');
    }
  } catch (error) {
    errors.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  } finally {
    await cleanup().catch((error) => errors.push(`cleanup: ${error.message}`));
  }
  return { errors, rows };

  /** One measurement on the running `server`, with CPU read from /proc around the measured window. */
  async function measure({ target, rooms, tag, connect }) {
    const isApp = TARGETS[target].kind === 'app';
    const warmupMs = settings.warmupSeconds * 1000;
    const durationMs = settings.seconds * 1000;
    const startAt = clock() + 500;
    const running = generator.run({
      startAt,
      warmupMs,
      durationMs,
      graceMs: GRACE_MS,
      sceneHz: settings.sceneHz,
      pointerHz: settings.pointerHz,
      paced: settings.paced,
      tag,
    });
    await sleepUntil(startAt + warmupMs);
    // Restarts the servers' event-loop histograms, so the read after the window covers it; not
    // awaited, as an overloaded server answers it seconds late, and the window must not wait.
    const loopDelayRestarted = serverLoopDelay(server.instanceUrls);
    const before = await snapshot(isApp);
    // A recording that fails costs that recording, not the run (its error is reported with the rest).
    const recording = settings.perfDir
      ? recordServer({
          dir: settings.perfDir,
          label: `${rooms}-rooms-${target}`,
          // With the proxy's, when there is one (its CPU counts as the server's).
          pids: server.pids,
          seconds: settings.seconds,
        }).catch((error) => errors.push(`perf, ${rooms} rooms, ${target}: ${error.message}`))
      : null;
    await sleepUntil(startAt + warmupMs + durationMs);
    const after = await snapshot(isApp);
    await loopDelayRestarted;
    const loopDelay = await serverLoopDelay(server.instanceUrls);
    await recording;
    const results = await running;
    const peaks = server.pids.map(peakRssMiB);
    let postgres = null;
    if (isApp) {
      postgres = 0;
      for (const [pid, ms] of after.backends) postgres += ms - (before.backends.get(pid) ?? 0);
    }
    const ours = (at) =>
      (at.server ?? 0) + [...at.backends.values()].reduce((a, b) => a + b, 0) + at.own + (at.neighbours ?? 0);
    const spent = (pick) =>
      pick(after) === null || pick(before) === null ? null : pick(after) - pick(before);
    const others =
      before.machine === null || after.machine === null
        ? null
        : // /proc/stat ticks and cpuUsage() round differently: a quiet machine may read a little below 0.
          Math.max(0, after.machine - before.machine - (ours(after) - ours(before)));
    const row = summarize({
      target,
      rooms,
      results,
      durationMs,
      wallMs: after.at - before.at,
      cpu: {
        server: spent((at) => at.server),
        proxy: spent((at) => at.proxy),
        neighbours: spent((at) => at.neighbours),
        postgres,
        loadGenerator: after.own - before.own,
        others,
      },
      peakRssMiB: peaks.every((peak) => peak !== null) ? peaks.reduce((a, b) => a + b, 0) : NaN,
      connect,
      serverLoopDelay: loopDelay,
    });
    if (isApp) row.persisted = await storedAsAcked(tag, results);
    return row;
  }

  async function snapshot(isApp) {
    const backends = new Map();
    if (isApp)
      for (const pid of await backendPids(pool, applicationName, schema)) backends.set(pid, cpuMs(pid) ?? 0);
    const own = process.cpuUsage();
    return {
      at: clock(),
      machine: machineBusyMs(),
      server: totalCpuMs(server.pids),
      proxy: server.proxyPid ? cpuMs(server.proxyPid) : null,
      neighbours: neighbours ? totalCpuMs(neighbours.pids) : null,
      backends,
      own: (own.user + own.system) / 1000,
    };
  }

  function totalCpuMs(pids) {
    const times = pids.map(cpuMs);
    return times.includes(null) ? null : times.reduce((a, b) => a + b, 0);
  }

  /** Whether the database holds every element of this measurement at least at its highest acked version. */
  async function storedAsAcked(tag, results) {
    const { rows } = await pool.query(
      `SELECT element_id, version FROM scene_elements WHERE element_id LIKE $1`,
      [`${tag}-%`],
    );
    const stored = new Map(rows.map((row) => [row.element_id, row.version]));
    return results.every((result) =>
      [...result.ackedVersions].every(([id, version]) => (stored.get(id) ?? 0) >= version),
    );
  }

  function sleepUntil(at) {
    return new Promise((done) => setTimeout(done, Math.max(0, at - clock())));
  }
}

async function stopServer(server, errors, notes, where = 'the first start') {
  const exits = await server.stop();
  for (const exit of exits)
    if (exit.code !== 0)
      // The app waits for its scene writer on SIGTERM, for at most 10 s: a backlog makes it exit 1.
      notes.push(`${where}: a server exited with ${exit.code ?? exit.signal} on SIGTERM`);
  // The app's error lines, and the proxy's 5xx answers (proxy.mjs keeps only those).
  const logged = server.warnings.filter(
    (line) => /"level":"(error|fatal)"/.test(line) || line.startsWith('haproxy: '),
  );
  if (logged.length)
    errors.push(`${where}: a server logged errors:\n    ${logged.slice(0, 3).join('\n    ')}`);
}

/** Lost acked updates are errors; refusals and disconnects under load are results. */
function noteProblems(errors, notes, row) {
  const where = `${row.rooms} rooms, ${row.target}`;
  const refused = Object.entries(row.ack.errors);
  if (refused.length)
    notes.push(`${where}: scene updates refused: ${refused.map(([code, n]) => `${code} ×${n}`).join(', ')}`);
  if (row.disconnects.length)
    notes.push(`${where}: ${row.disconnects.length} peers disconnected (${row.disconnects[0]})`);
  if (row.persisted === false) errors.push(`${where}: acked scene updates are missing from scene_elements`);
}

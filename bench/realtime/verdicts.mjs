// Issue 18's targets read off one run's rows, each against the bare relay measured in the same run.
// Statements for the reader, never an exit code: timings vary with the machine, errors do not.
import { whole } from '../lib/table.mjs';
import { divide, ratio, share } from './format.mjs';

/** Server CPU per delivered message, app ÷ bare, at these room counts. */
const COST_TARGET = { ratio: 1.3, rooms: [50, 100] };
/** At this room count: fan-out p99 and ack p99 limits, every scene update acked. */
const LATENCY_TARGET = { rooms: 100, fanOutP99Ms: 50, ackP99Ms: 100 };
/** From here on a room count is overload: it must degrade evenly, never by refusing scene updates. */
const OVERLOAD_ROOMS = 200;
/** Below this share of its schedule the load generator offered less than the row's nominal load. */
const KEPT_UP = 0.95;

const met = (ok) => (ok ? 'met' : 'NOT met');
const msText = (value) => (value === Infinity ? '∞' : Number.isFinite(value) ? value.toFixed(1) : '–');
const isApp = (row) => !row.target.startsWith('bare');

/** Lines describing each target that the rows can answer; the rest say what was not measured. */
export function targetVerdicts(rows) {
  const bareAt = (rooms) => rows.find((row) => row.rooms === rooms && row.target === 'bare');
  const appRows = rows.filter(isApp);
  const lines = ["Issue 18's targets (against the bare relay of this run; statements, not an exit code):"];

  lines.push(
    `  Server CPU per delivered message, app ÷ bare (≤ ${COST_TARGET.ratio}× at ${COST_TARGET.rooms.join(' and ')} rooms):`,
  );
  for (const app of appRows) {
    const bare = bareAt(app.rooms);
    const mine = app.cpu.serverMicrosPerMessage;
    if (!bare) {
      lines.push(
        `    ${app.rooms} rooms, ${app.target}: ${whole(mine)} µs; no bare relay at ${app.rooms} rooms`,
      );
      continue;
    }
    const value = divide(mine, bare.cpu.serverMicrosPerMessage);
    const verdict = COST_TARGET.rooms.includes(app.rooms)
      ? `→ ${met(value <= COST_TARGET.ratio)}`
      : '(not a target at this load)';
    lines.push(
      `    ${app.rooms} rooms, ${app.target}: ${whole(mine)} vs ${whole(bare.cpu.serverMicrosPerMessage)} µs = ${ratio(value)} ${verdict}`,
    );
  }

  const atLatency = appRows.filter((row) => row.rooms === LATENCY_TARGET.rooms);
  if (!atLatency.length) lines.push(`  At ${LATENCY_TARGET.rooms} rooms: not measured.`);
  for (const app of atLatency) {
    const fanOut = Math.max(app.scene.p99, app.pointer.p99);
    const acked = divide(app.ack.ok, app.scene.sent);
    lines.push(
      `  At ${app.rooms} rooms, ${app.target}: scene / pointer p99 ${msText(app.scene.p99)} / ${msText(app.pointer.p99)} ms ` +
        `(< ${LATENCY_TARGET.fanOutP99Ms} → ${met(fanOut < LATENCY_TARGET.fanOutP99Ms)}); ` +
        `ack p99 ${msText(app.ack.p99)} ms (< ${LATENCY_TARGET.ackP99Ms} → ${met(app.ack.p99 < LATENCY_TARGET.ackP99Ms)}); ` +
        `scene updates acked ${share(acked)} (every one → ${met(acked === 1)})`,
    );
  }

  const overload = appRows.filter((row) => row.rooms >= OVERLOAD_ROOMS);
  if (overload.length)
    lines.push(
      '  Overload: nothing refused, scene updates delivered / acked within 3 s of those sent, beside the relay:',
    );
  for (const app of overload) {
    const bare = bareAt(app.rooms);
    lines.push(
      `    ${app.rooms} rooms, ${app.target}: refused ${share(divide(app.ack.refused, app.scene.sent))} ` +
        `(none → ${met(app.ack.refused === 0)}); ${within3s(app)}` +
        (bare ? `; bare ${within3s(bare)}` : ''),
    );
  }

  const behind = rows.filter((row) => divide(row.sentPerSecond, row.scheduledPerSecond) < KEPT_UP);
  lines.push(
    `  Load generator: ${
      behind.length
        ? `fell behind its schedule (the offered load was lower) in ${behind
            .map(
              (row) =>
                `${row.rooms} rooms, ${row.target} (${share(divide(row.sentPerSecond, row.scheduledPerSecond))} sent)`,
            )
            .join('; ')}`
        : `kept at least ${share(KEPT_UP)} of its schedule in every row`
    }.`,
  );

  const checked = appRows.filter((row) => row.persisted !== undefined);
  const lost = checked.filter((row) => !row.persisted);
  lines.push(
    `  Persistence: ${
      !checked.length
        ? 'not checked'
        : lost.length
          ? `acked versions MISSING in ${lost.map((row) => `${row.rooms} rooms, ${row.target}`).join('; ')}`
          : `every acked version stored (${checked.length} measurements)`
    }.`,
  );
  return lines;
}

function within3s(row) {
  return `${share(divide(row.scene.deliveredIn3s, row.scene.sent))} / ${share(divide(row.ack.within3s, row.scene.sent))}`;
}

// The realtime benchmark's tables: one per room count (each target, and the app against the bare
// relay), the load generator's health, and a summary across room counts for the README.
import { fixed, formatTable, whole } from '../lib/table.mjs';

const ms = (value, graceMs) => (value === Infinity ? `>${(graceMs / 1000).toFixed(0)} s` : fixed(value, 1));
const percent = (value) => (Number.isFinite(value) ? `${value.toFixed(0)} %` : '–');
const share = (value) => (Number.isFinite(value) ? `${(value * 100).toFixed(1)} %` : '–');
const mib = (value) => (Number.isFinite(value) ? `${value.toFixed(0)} MiB` : '–');
const ratio = (value) =>
  !Number.isFinite(value) ? '–' : value >= 100 ? `${whole(value)}×` : `${value.toFixed(2)}×`;
const divide = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN);

const MAIN_COLUMNS = [
  { title: 'target', align: 'left' },
  { title: 'sent msg/s' },
  { title: 'delivered msg/s (≤ 3 s)' },
  { title: 'scene p50 ms' },
  { title: 'scene p99 ms' },
  { title: 'pointer p50 ms' },
  { title: 'pointer p99 ms' },
  { title: 'ack p50 ms' },
  { title: 'ack p99 ms' },
  { title: 'scene acks/s' },
  { title: 'scene refused' },
  { title: 'scene delivered / acked ≤ 3 s' },
  { title: 'scene undelivered' },
  { title: 'pointer dropped' },
  { title: 'server CPU' },
  { title: 'Postgres CPU' },
  { title: 'peak RSS' },
];

function mainRow(row, graceMs) {
  return [
    row.target,
    whole(row.sentPerSecond),
    whole(row.deliveredPerSecond),
    ms(row.scene.p50, graceMs),
    ms(row.scene.p99, graceMs),
    ms(row.pointer.p50, graceMs),
    ms(row.pointer.p99, graceMs),
    ms(row.ack.p50, graceMs),
    ms(row.ack.p99, graceMs),
    whole(row.ack.perSecond),
    share(row.scene.sent ? row.ack.refused / row.scene.sent : NaN),
    `${share(row.scene.sent ? row.scene.deliveredIn3s / row.scene.sent : NaN)} / ${share(
      row.scene.sent ? row.ack.within3s / row.scene.sent : NaN,
    )}`,
    share(row.scene.sent ? row.scene.undelivered / row.scene.sent : NaN),
    share(row.pointer.dropped),
    percent(row.cpu.server),
    percent(row.cpu.postgres),
    mib(row.peakRssMiB),
  ];
}

/** app ÷ bare for the four figures the issue compares; the other cells stay empty. */
function ratioRow(app, bare) {
  const r = (a, b) => ratio(divide(a, b));
  return [
    `${app.target} ÷ bare`,
    '',
    r(app.deliveredPerSecond, bare.deliveredPerSecond),
    r(app.scene.p50, bare.scene.p50),
    r(app.scene.p99, bare.scene.p99),
    r(app.pointer.p50, bare.pointer.p50),
    r(app.pointer.p99, bare.pointer.p99),
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    r(app.cpu.server, bare.cpu.server),
    '',
    r(app.peakRssMiB, bare.peakRssMiB),
  ];
}

/** The tables of one room count: results, then whether the load generator kept up. */
export function formatRooms(rows, { graceMs }) {
  const bare = rows.find((row) => row.target === 'bare');
  const lines = [];
  for (const row of rows) lines.push(mainRow(row, graceMs));
  if (bare) for (const row of rows) if (!row.target.startsWith('bare')) lines.push(ratioRow(row, bare));
  const generator = formatTable(
    [
      { title: 'target', align: 'left' },
      { title: 'server CPU µs/delivered msg' },
      { title: 'Postgres CPU µs/acked update' },
      { title: 'scheduled msg/s' },
      { title: 'sent msg/s' },
      { title: 'sent / scheduled' },
      { title: 'send delay p99 ms' },
      { title: 'event-loop delay p99 / max ms' },
      { title: 'load-gen CPU' },
      { title: 'other processes CPU' },
      { title: 'connect + join s' },
    ],
    rows.map((row) => [
      row.target,
      whole(row.cpu.serverMicrosPerMessage),
      whole(row.cpu.postgresMicrosPerUpdate),
      whole(row.scheduledPerSecond),
      whole(row.sentPerSecond),
      share(divide(row.sentPerSecond, row.scheduledPerSecond)),
      fixed(row.generator.sendDelayP99, 1),
      `${fixed(row.generator.loopDelayP99, 1)} / ${fixed(row.generator.loopDelayMax, 1)}`,
      percent(row.generator.cpu),
      percent(row.generator.othersCpu),
      fixed(row.generator.connectSeconds, 1),
    ]),
  );
  return `${formatTable(MAIN_COLUMNS, lines)}\n\nCost, and whether the load generator kept up:\n${generator}`;
}

/** Every measurement in one table, as pasted into the README. */
export function formatSummary(rows, { graceMs }) {
  return formatTable(
    [
      { title: 'rooms' },
      ...MAIN_COLUMNS,
      { title: 'load-gen sent / scheduled' },
      { title: 'load-gen CPU' },
      { title: 'other processes CPU' },
    ],
    rows.map((row) => [
      whole(row.rooms),
      ...mainRow(row, graceMs),
      share(divide(row.sentPerSecond, row.scheduledPerSecond)),
      percent(row.generator.cpu),
      percent(row.generator.othersCpu),
    ]),
  );
}

/**
 * The target, at `rooms`: fan-out p99 (scene and pointer) under 50 ms and at least the bare
 * relay's delivered throughput, with every scene update persisted. A statement, never an exit code.
 */
export function targetVerdict(rows, rooms) {
  const app = rows.find((row) => row.rooms === rooms && row.target === 'app');
  const bare = rows.find((row) => row.rooms === rooms && row.target === 'bare');
  if (!app || !bare)
    return `Target at ${rooms} rooms: not measured (needs the app and bare targets at ${rooms}).`;
  const p99 = Math.max(app.scene.p99, app.pointer.p99);
  const latencyMet = p99 < 50;
  const throughputMet = app.deliveredPerSecond >= bare.deliveredPerSecond;
  const fmt = (value) => (value === Infinity ? '∞' : value.toFixed(1));
  return [
    `Target at ${rooms} rooms: p99 < 50 ms → ${latencyMet ? 'met' : 'NOT met'} ` +
      `(scene ${fmt(app.scene.p99)} ms, pointer ${fmt(app.pointer.p99)} ms);`,
    `delivered ≥ bare relay → ${throughputMet ? 'met' : 'NOT met'} ` +
      `(${whole(app.deliveredPerSecond)} vs ${whole(bare.deliveredPerSecond)} msg/s, ` +
      `${ratio(divide(app.deliveredPerSecond, bare.deliveredPerSecond))});`,
    `persistence → ${app.persisted === undefined ? 'not checked' : app.persisted ? 'every acked version stored' : 'MISSING acked versions'}.`,
  ].join(' ');
}

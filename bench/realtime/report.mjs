// The realtime benchmark's tables: one per room count (each target, and the app against the bare
// relay), the load generator's health, a summary across room counts for bench/RESULTS.md, and the
// busy-neighbour scenario's short table.
import { fixed, formatTable, whole } from '../lib/table.mjs';
import { divide, percent, ratio, share } from './format.mjs';

const ms = (value, graceMs) => (value === Infinity ? `>${(graceMs / 1000).toFixed(0)} s` : fixed(value, 1));
const mib = (value) => (Number.isFinite(value) ? `${value.toFixed(0)} MiB` : '–');
/** Refused, and delivered / acked within 3 s, as shares of the scene updates sent in the window. */
const sceneShares = (row) => ({
  refused: share(divide(row.ack.refused, row.scene.sent)),
  deliveredAcked: `${share(divide(row.scene.deliveredIn3s, row.scene.sent))} / ${share(
    divide(row.ack.within3s, row.scene.sent),
  )}`,
});

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
  { title: 'server CPU µs/msg' },
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
    sceneShares(row).refused,
    sceneShares(row).deliveredAcked,
    share(divide(row.scene.undelivered, row.scene.sent)),
    share(row.pointer.dropped),
    percent(row.cpu.server),
    whole(row.cpu.serverMicrosPerMessage),
    percent(row.cpu.postgres),
    mib(row.peakRssMiB),
  ];
}

/** app ÷ bare for the figures the issue compares; the other cells stay empty. */
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
    r(app.cpu.serverMicrosPerMessage, bare.cpu.serverMicrosPerMessage),
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
      { title: 'of which proxy: CPU, µs/msg' },
      { title: 'Postgres CPU µs/acked update' },
      { title: 'scheduled msg/s' },
      { title: 'sent msg/s' },
      { title: 'sent / scheduled' },
      { title: 'send delay p99 ms' },
      { title: 'load-gen event-loop delay p99 / max ms' },
      { title: 'server event-loop delay p99 / max ms' },
      { title: 'load-gen CPU' },
      { title: 'neighbours CPU' },
      { title: 'other processes CPU' },
      { title: 'connect + join s' },
    ],
    rows.map((row) => [
      row.target,
      whole(row.cpu.serverMicrosPerMessage),
      Number.isFinite(row.cpu.proxy)
        ? `${percent(row.cpu.proxy)}, ${whole(row.cpu.proxyMicrosPerMessage)}`
        : '–',
      whole(row.cpu.postgresMicrosPerUpdate),
      whole(row.scheduledPerSecond),
      whole(row.sentPerSecond),
      share(divide(row.sentPerSecond, row.scheduledPerSecond)),
      fixed(row.generator.sendDelayP99, 1),
      `${fixed(row.generator.loopDelayP99, 1)} / ${fixed(row.generator.loopDelayMax, 1)}`,
      row.serverLoopDelay
        ? `${fixed(row.serverLoopDelay.p99, 1)} / ${fixed(row.serverLoopDelay.max, 1)}`
        : '–',
      percent(row.generator.cpu),
      percent(row.cpu.neighbours),
      percent(row.generator.othersCpu),
      fixed(row.generator.connectSeconds, 1),
    ]),
  );
  return `${formatTable(MAIN_COLUMNS, lines)}\n\nCost, and whether the load generator kept up:\n${generator}`;
}

/** Every measurement in one table, as pasted into bench/RESULTS.md. */
export function formatSummary(rows, { graceMs }) {
  return formatTable(
    [
      { title: 'rooms' },
      ...MAIN_COLUMNS,
      { title: 'load-gen sent / scheduled' },
      { title: 'load-gen CPU' },
      { title: 'neighbours CPU' },
      { title: 'other processes CPU' },
    ],
    rows.map((row) => [
      whole(row.rooms),
      ...mainRow(row, graceMs),
      share(divide(row.sentPerSecond, row.scheduledPerSecond)),
      percent(row.generator.cpu),
      percent(row.cpu.neighbours),
      percent(row.generator.othersCpu),
    ]),
  );
}

/**
 * The busy-neighbour scenario in the figures issue 18 reads: does the room keep persisting what it
 * relays (nothing refused, acks slower, pointers shed first) with the CPU that is left?
 */
export function formatNeighbours(rows, { graceMs }) {
  return formatTable(
    [
      { title: 'rooms' },
      { title: 'target', align: 'left' },
      { title: 'scene refused' },
      { title: 'scene delivered / acked ≤ 3 s' },
      { title: 'scene p99 ms' },
      { title: 'ack p99 ms' },
      { title: 'pointer dropped' },
      { title: 'server CPU' },
      { title: 'server CPU µs/msg' },
      { title: 'neighbours CPU' },
      { title: 'load-gen sent / scheduled' },
    ],
    rows.map((row) => [
      whole(row.rooms),
      row.target,
      sceneShares(row).refused,
      sceneShares(row).deliveredAcked,
      ms(row.scene.p99, graceMs),
      ms(row.ack.p99, graceMs),
      share(row.pointer.dropped),
      percent(row.cpu.server),
      whole(row.cpu.serverMicrosPerMessage),
      percent(row.cpu.neighbours),
      share(divide(row.sentPerSecond, row.scheduledPerSecond)),
    ]),
  );
}

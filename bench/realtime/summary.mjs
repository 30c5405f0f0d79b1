// Turns the workers' raw counts and latencies, and the /proc readings, into one row per measurement.

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function merged(arrays, missing = 0) {
  const length = arrays.reduce((sum, array) => sum + array.length, 0);
  const all = new Float64Array(length + missing);
  let offset = 0;
  for (const array of arrays) {
    all.set(array, offset);
    offset += array.length;
  }
  // A scene update that never arrived is as late as it gets: it counts, as +∞, in the percentiles.
  all.fill(Infinity, length);
  return all.sort();
}

const sum = (results, pick) => results.reduce((total, result) => total + pick(result), 0);

/** What "in time" means for the share of scene updates delivered and acked (the generator's grace). */
const WITHIN_MS = 3_000;

/** How many values of an ascending array are at most `limit`. */
function countUpTo(sorted, limit) {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] <= limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * `results`: one per worker (load-worker.mjs `run`); `cpu`: { server, proxy, neighbours, postgres,
 * loadGenerator, others } ms over `wallMs` (null where not measured; the proxy's is part of the
 * server's); `peakRssMiB` of the server process(es); `serverLoopDelay`: { p99, max } ms of the app
 * servers' event loops over the window (server-loop-delay.mjs), null for the relay.
 */
export function summarize({
  target,
  rooms,
  results,
  wallMs,
  durationMs,
  cpu,
  peakRssMiB,
  connect,
  serverLoopDelay = null,
}) {
  const perSecond = (count) => (count / durationMs) * 1000;
  const percentOfCore = (ms) => (ms === null || ms === undefined ? NaN : (ms / wallMs) * 100);
  const microsPerDelivered = (ms) =>
    ms === null || ms === undefined
      ? NaN
      : (ms * 1000 * (durationMs / wallMs)) / (scene.delivered + pointer.delivered);
  const scene = {
    scheduled: sum(results, (r) => r.scene.scheduled),
    sent: sum(results, (r) => r.scene.sent),
    delivered: sum(results, (r) => r.scene.delivered),
  };
  const pointer = {
    scheduled: sum(results, (r) => r.pointer.scheduled),
    sent: sum(results, (r) => r.pointer.sent),
    delivered: sum(results, (r) => r.pointer.delivered),
  };
  const ackErrors = {};
  for (const result of results)
    for (const [code, count] of Object.entries(result.scene.ackErrors))
      ackErrors[code] = (ackErrors[code] ?? 0) + count;
  const acks = merged(results.map((r) => r.scene.acks));
  const sceneLatencies = merged(
    results.map((r) => r.scene.latencies),
    Math.max(0, scene.sent - scene.delivered),
  );
  const pointerLatencies = merged(results.map((r) => r.pointer.latencies));
  const sendDelays = merged(results.map((r) => r.sendDelays));
  return {
    target,
    rooms,
    scheduledPerSecond: perSecond(scene.scheduled + pointer.scheduled),
    sentPerSecond: perSecond(scene.sent + pointer.sent),
    deliveredPerSecond: perSecond(scene.delivered + pointer.delivered),
    scene: {
      ...scene,
      p50: percentile(sceneLatencies, 50),
      p99: percentile(sceneLatencies, 99),
      max: sceneLatencies[sceneLatencies.length - 1] ?? NaN,
      undelivered: Math.max(0, scene.sent - scene.delivered),
      /** Sent in the window and received by the partner within 3 s (issue 18's share). */
      deliveredIn3s: countUpTo(sceneLatencies, WITHIN_MS),
    },
    pointer: {
      ...pointer,
      p50: percentile(pointerLatencies, 50),
      p99: percentile(pointerLatencies, 99),
      dropped: pointer.sent ? 1 - pointer.delivered / pointer.sent : NaN,
    },
    ack: {
      /** Ok acks that arrived during the window, for updates sent whenever: what the writer managed. */
      perSecond: perSecond(sum(results, (r) => r.scene.acksReceived)),
      refused: Object.values(ackErrors).reduce((total, count) => total + count, 0),
      p50: percentile(acks, 50),
      p99: percentile(acks, 99),
      ok: acks.length,
      errors: ackErrors,
      missing: Math.max(0, scene.sent - acks.length - Object.values(ackErrors).reduce((a, b) => a + b, 0)),
      total: sum(results, (r) => r.ackedTotal),
      /** Sent in the window and acked (stored) within 3 s. */
      within3s: countUpTo(acks, WITHIN_MS),
    },
    generator: {
      sendDelayP99: percentile(sendDelays, 99),
      loopDelayP99: Math.max(...results.map((r) => r.loopDelay.p99)),
      loopDelayMax: Math.max(...results.map((r) => r.loopDelay.max)),
      cpu: percentOfCore(cpu.loadGenerator),
      /** Everything else on the machine meanwhile (other jobs, Redis, the kernel): the noise. */
      othersCpu: percentOfCore(cpu.others),
      connectSeconds: connect.seconds,
    },
    cpu: {
      server: percentOfCore(cpu.server),
      /** HAProxy's share of `server`, for the targets behind it. */
      proxy: percentOfCore(cpu.proxy),
      /** What the busy neighbours got (they asked for more than fits beside the rest). */
      neighbours: percentOfCore(cpu.neighbours),
      postgres: percentOfCore(cpu.postgres),
      // CPU per message that made it through (in once, out once): under overload, the cost of what
      // was actually delivered.
      serverMicrosPerMessage: microsPerDelivered(cpu.server),
      proxyMicrosPerMessage: microsPerDelivered(cpu.proxy),
      postgresMicrosPerUpdate:
        cpu.postgres === null || acks.length === 0
          ? NaN
          : (cpu.postgres * 1000 * (durationMs / wallMs)) / acks.length,
    },
    peakRssMiB,
    serverLoopDelay,
    disconnects: results.flatMap((r) => r.disconnects),
  };
}

// One load-generator thread: connects its share of the peers, sends scene and pointer updates on an
// open-loop schedule, and records fan-out latency on the receiving side. Every timestamp comes from
// process.hrtime (CLOCK_MONOTONIC), which all threads of this process share, relative to `epochNs`.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { EVENTS, anElement, aPointer, slotOf } from './payloads.mjs';
import { sendTimesIn } from './send-times.mjs';
import { WireClient } from './wire-client.mjs';

const EPOCH = BigInt(workerData.epochNs);
const clock = () => Number(process.hrtime.bigint() - EPOCH) / 1e6;
/** The scheduler's tick; sends due since the last tick go out in this one. */
const TICK_MS = 5;
/** A peer more than this many periods behind skips the rest: they count as scheduled, not sent. */
const MAX_CATCH_UP = 3;

let peers = [];
let closing = false;
/** When each peer's copies were sent, shared with the other threads (send-times.mjs). */
let sendTimes = null;

parentPort.on('message', (message) => {
  const reply = (body) => parentPort.postMessage({ id: message.id, ...body });
  const handlers = { connect, run, close };
  handlers[message.type](message).then(reply, (error) =>
    reply({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});

/** Connects and joins every peer, `concurrency` at a time. Failures are returned, not thrown. */
async function connect({ target, peers: wanted, sendTimes: sharedSendTimes, concurrency }) {
  closing = false;
  sendTimes = sendTimesIn(sharedSendTimes);
  const started = clock();
  const failures = [];
  const disconnects = [];
  peers = wanted.map((peer) => ({ ...peer, socket: null, versions: [], cursor: 0 }));
  let next = 0;
  const connectOne = async (peer) => {
    const socket = new WireClient();
    peer.socket = socket;
    // The room's session id in the URL, as the web client sends it (ROOM_ROUTING_PARAM).
    await socket.connect(peer.url, peer.token ? { token: peer.token } : null, {
      query: { session: peer.sessionId },
    });
    const ack =
      target === 'bare'
        ? await socket.request(EVENTS.bareJoin, { room: peer.sessionId })
        : await socket.request(EVENTS.join, { sessionId: peer.sessionId });
    if (!ack?.ok) throw new Error(`join refused: ${JSON.stringify(ack?.error ?? ack)}`);
    socket.onDisconnect((reason) => {
      if (!closing) disconnects.push(reason);
    });
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < peers.length) {
        const peer = peers[next++];
        await connectOne(peer).catch((error) => failures.push(error.message ?? String(error)));
      }
    }),
  );
  peers.disconnects = disconnects;
  return { failures, seconds: (clock() - started) / 1000 };
}

/**
 * Sends from `startAt` for warm-up + measured time, then waits `graceMs` for late deliveries.
 * Only messages sent inside the measured window are counted, on both sides. With `paced` > 0, a
 * peer has at most that many scene updates unanswered, as the web client does (scene-uploader.ts in
 * libs/collab): edits made at its limit wait and go together once an answer comes, a later copy of
 * an element replacing an earlier one, and scene figures count edits, not messages.
 */
async function run({ startAt, warmupMs, durationMs, graceMs, sceneHz, pointerHz, paced, tag }) {
  const from = startAt + warmupMs;
  const to = from + durationMs;
  const inWindow = (t) => t >= from && t < to;
  const stats = {
    scene: { scheduled: 0, sent: 0, delivered: 0, latencies: [], acks: [], ackErrors: {}, acksReceived: 0 },
    pointer: { scheduled: 0, sent: 0, delivered: 0, latencies: [] },
    sendDelays: [],
    /** Every ok ack, warm-up and grace included. */
    ackedTotal: 0,
    /**
     * The highest acked version of each element: the database must hold at least that version. (Not
     * one log row per ack: the writer keeps one copy per element per batch and per log window.)
     */
    ackedVersions: new Map(),
  };
  const scenePeriod = 1000 / sceneHz;
  const pointerPeriod = 1000 / pointerHz;
  // The receiving side: each peer hears its partner's messages only.
  for (const peer of peers) {
    if (!peer.socket) continue;
    peer.socket.off(EVENTS.scene).off(EVENTS.pointer);
    // The highest version received of each of the partner's elements. A copy also delivers the
    // versions between the last one received and itself: a server may relay only the latest of
    // several copies it read together. Each is timed from its own send (send-times.mjs).
    const received = [];
    peer.socket.on(EVENTS.scene, (broadcast) => {
      const now = clock();
      for (const element of broadcast.elements ?? []) {
        const slot = slotOf(element.id);
        const lastSeen = received[slot] ?? 0;
        if (!(element.version > lastSeen)) continue;
        received[slot] = element.version;
        for (
          let version = sendTimes.firstKept(lastSeen, element.version);
          version <= element.version;
          version++
        ) {
          const sentAt =
            version === element.version
              ? element.customData?.sentAt
              : sendTimes.sentAt(peer.partnerIndex, slot, version);
          if (inWindow(sentAt)) {
            stats.scene.delivered += 1;
            stats.scene.latencies.push(now - sentAt);
          }
        }
      }
    });
    peer.socket.on(EVENTS.pointer, (update) => {
      const now = clock();
      const sentAt = update.pointer?.x;
      if (inWindow(sentAt)) {
        stats.pointer.delivered += 1;
        stats.pointer.latencies.push(now - sentAt);
      }
    });
    peer.unanswered = 0;
    peer.waiting?.clear();
    // Spread the peers' phases evenly, so the load is smooth rather than 10 bursts a second.
    peer.nextScene = sceneHz > 0 ? startAt + Math.random() * scenePeriod : Infinity;
    peer.nextPointer = pointerHz > 0 ? startAt + Math.random() * pointerPeriod : Infinity;
  }

  const lag = monitorEventLoopDelay({ resolution: 5 });
  let lagStarted = false;
  /**
   * One scene:update carrying `entries` (an element's latest copy and the edits it stands for), and
   * its ack: the writer's throughput counts messages; acks and their latency count edits, each
   * timed from when it was made.
   */
  const sendBatch = (peer, entries) => {
    peer.unanswered += 1;
    const payload = { sessionId: peer.sessionId, elements: entries.map((entry) => entry.element) };
    peer.socket.emit(EVENTS.scene, payload, (ack) => {
      peer.unanswered -= 1;
      const at = clock();
      if (ack?.ok) {
        stats.ackedTotal += 1;
        for (const { element } of entries)
          if ((stats.ackedVersions.get(element.id) ?? 0) < element.version)
            stats.ackedVersions.set(element.id, element.version);
        // The writer's throughput: acks arriving in the window, whenever their update was sent.
        if (inWindow(at)) stats.scene.acksReceived += 1;
      }
      for (const { edits } of entries)
        for (const edit of edits) {
          if (!edit.counted) continue;
          if (ack?.ok) stats.scene.acks.push(at - edit.madeAt);
          else {
            const code = ack?.error?.code ?? 'malformed';
            stats.scene.ackErrors[code] = (stats.scene.ackErrors[code] ?? 0) + 1;
          }
        }
      sendWaiting(peer);
    });
  };
  /** Paced: what waited for an answer goes as one batch, the latest copy of each element. */
  const sendWaiting = (peer) => {
    if (!peer.waiting?.size || peer.unanswered >= paced || !peer.socket?.connected) return;
    const entries = [...peer.waiting.values()];
    peer.waiting.clear();
    sendBatch(peer, entries);
  };
  const sendScene = (peer, scheduledAt, now) => {
    const element = anElement(peer, tag, now);
    sendTimes.record(peer.index, slotOf(element.id), element.version, now);
    const counted = inWindow(now);
    if (counted) {
      stats.scene.sent += 1;
      stats.sendDelays.push(now - scheduledAt);
    }
    const edit = { madeAt: now, counted };
    if (!paced || peer.unanswered < paced) {
      sendBatch(peer, [{ element, edits: [edit] }]);
      return;
    }
    // Paced, at its limit: the edit waits, a later copy of its element replacing an earlier one.
    peer.waiting ??= new Map();
    const earlier = peer.waiting.get(element.id);
    peer.waiting.set(element.id, { element, edits: [...(earlier?.edits ?? []), edit] });
  };
  const sendPointer = (peer, scheduledAt, now) => {
    if (inWindow(now)) {
      stats.pointer.sent += 1;
      stats.sendDelays.push(now - scheduledAt);
    }
    peer.socket.emit(EVENTS.pointer, aPointer(peer, now));
  };

  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const now = clock();
      if (!lagStarted && now >= from) {
        lag.enable();
        lagStarted = true;
      }
      if (now >= to) {
        clearInterval(timer);
        resolve();
        return;
      }
      for (const peer of peers) {
        // A disconnected peer's sends still count as scheduled: the shortfall shows.
        const live = peer.socket?.connected;
        for (let sent = 0; peer.nextScene <= now; peer.nextScene += scenePeriod) {
          if (inWindow(peer.nextScene)) stats.scene.scheduled += 1;
          if (live && sent++ < MAX_CATCH_UP) sendScene(peer, peer.nextScene, now);
        }
        for (let sent = 0; peer.nextPointer <= now; peer.nextPointer += pointerPeriod) {
          if (inWindow(peer.nextPointer)) stats.pointer.scheduled += 1;
          if (live && sent++ < MAX_CATCH_UP) sendPointer(peer, peer.nextPointer, now);
        }
      }
    }, TICK_MS);
  });
  lag.disable();
  await new Promise((resolve) => setTimeout(resolve, graceMs));
  for (const peer of peers) peer.socket?.off(EVENTS.scene).off(EVENTS.pointer);

  const pack = (values) => Float64Array.from(values);
  const result = {
    scene: { ...stats.scene, latencies: pack(stats.scene.latencies), acks: pack(stats.scene.acks) },
    pointer: { ...stats.pointer, latencies: pack(stats.pointer.latencies) },
    sendDelays: pack(stats.sendDelays),
    ackedTotal: stats.ackedTotal,
    ackedVersions: stats.ackedVersions,
    loopDelay: { p99: lag.percentile(99) / 1e6, max: lag.max / 1e6, mean: lag.mean / 1e6 },
    disconnects: peers.disconnects ?? [],
    connected: peers.filter((peer) => peer.socket?.connected).length,
  };
  return { result };
}

async function close() {
  closing = true;
  for (const peer of peers) peer.socket?.close();
  peers = [];
  return {};
}

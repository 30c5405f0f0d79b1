// The load generator: worker threads (load-worker.mjs) sharing the peers, driven from here. A room's
// two peers sit on different threads when there are several, as two browsers would.
import { Worker } from 'node:worker_threads';
import { sendTimesBuffer } from './send-times.mjs';

const CONNECT_CONCURRENCY = 25;
/** No single step of a worker may take longer than this: a stuck worker is an error, not a wait. */
const STEP_TIMEOUT_MS = 120_000;

export const clockFrom = (epochNs) => () => Number(process.hrtime.bigint() - epochNs) / 1e6;

export function createLoadGenerator({ workers: count, epochNs }) {
  const workers = Array.from(
    { length: count },
    () =>
      new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: { epochNs: String(epochNs) } }),
  );
  let nextId = 0;
  const ask = (worker, message) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(
        () => reject(new Error(`load worker timed out on ${message.type}`)),
        STEP_TIMEOUT_MS,
      );
      const onMessage = (reply) => {
        if (reply.id !== id) return;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (reply.error) reject(new Error(`load worker: ${reply.error}`));
        else resolve(reply);
      };
      const onError = (error) => {
        clearTimeout(timer);
        reject(error);
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.postMessage({ ...message, id });
    });
  const all = (messages) => Promise.all(workers.map((worker, i) => ask(worker, messages[i])));

  return {
    /**
     * `rooms`: [{ sessionId, peers: [{ token? }, { token? }] }]; `urls`: the target's instances (a
     * room's second peer goes to the next instance). Resolves to { failures, seconds }.
     */
    async connect(target, rooms, urls) {
      const shares = workers.map(() => []);
      rooms.forEach((room, r) =>
        room.peers.forEach((peer, p) =>
          shares[(r + p) % count].push({
            key: `r${r}p${p}`,
            index: r * 2 + p,
            partnerIndex: r * 2 + (1 - p),
            sessionId: room.sessionId,
            token: target === 'bare' ? null : peer.token,
            url: urls[(r + p) % urls.length],
          }),
        ),
      );
      const sendTimes = sendTimesBuffer(rooms.length * 2);
      const replies = await all(
        shares.map((peers) => ({
          type: 'connect',
          target,
          peers,
          sendTimes,
          concurrency: CONNECT_CONCURRENCY,
        })),
      );
      return {
        failures: replies.flatMap((reply) => reply.failures),
        seconds: Math.max(...replies.map((reply) => reply.seconds)),
      };
    },

    /** Runs one measurement on every worker; resolves to each worker's raw result. */
    async run(plan) {
      const replies = await all(workers.map(() => ({ type: 'run', ...plan })));
      return replies.map((reply) => reply.result);
    },

    close: () => all(workers.map(() => ({ type: 'close' }))),
    terminate: () => Promise.all(workers.map((worker) => worker.terminate())),
  };
}

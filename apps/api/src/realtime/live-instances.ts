import type { Namespace } from 'socket.io';
import {
  MessageType,
  type ClusterAdapter,
  type ClusterMessage,
  type ClusterResponse,
} from 'socket.io-adapter';
import { internalsOf } from './cluster-adapter-internals';
import { replyChannel } from './cluster-channels';
import { InstanceLiveness } from './instance-liveness';

/**
 * How often each instance says it is alive, and how many of those beats another may miss in a row
 * before it is taken for hung: 10–12 s of silence. Until then a join beside the hung instance waits
 * for it (the adapter's timeouts), but a shorter window would take busy instances for hung: a beat
 * waits behind the event loop, which an overloaded server runs seconds late (bench/realtime's
 * server event-loop delay: at most 0.5 s at 200 rooms, 5.3 s at 500, on a slow 2-core VM, 5 Dec
 * 2026). Every other message an instance sends counts as a beat too. A beat is one entry on the
 * adapter's stream, which every instance reads.
 */
export const LIVENESS = { beatMs: 2_000, missedBeforeSilent: 5 };

/** What the beat publishes (a server-side emit nobody listens to: the message itself is the news). */
export const ALIVE_EVENT = 'mockboard:instance-alive';

/** A change in what this instance knows of another: taken for hung, or heard again. */
export interface LivenessChange {
  uid: string;
  silent: boolean;
}

export interface LiveInstanceOptions {
  /** The adapter's `channelPrefix` (clusterChannelPrefix): each instance's reply channel carries it. */
  channelPrefix: string;
  /** How many subscribers each channel has (`PUBSUB NUMSUB`), in the order asked. */
  subscribers(channels: readonly string[]): Promise<number[]>;
  report(change: LivenessChange): void;
  beatMs?: number;
  missedBeforeSilent?: number;
}

/** The answers to a question of this instance, which name the question's requestId. */
const ANSWERS: ReadonlySet<MessageType> = new Set([
  MessageType.FETCH_SOCKETS_RESPONSE,
  MessageType.SERVER_SIDE_EMIT_RESPONSE,
  MessageType.BROADCAST_CLIENT_COUNT,
  MessageType.BROADCAST_ACK,
]);

/** A beat: what an instance that follows others' liveness publishes every beatMs. */
function isBeat(message: ClusterMessage | ClusterResponse): boolean {
  if (message.type !== MessageType.SERVER_SIDE_EMIT) return false;
  return (
    requestIdOf(message) === undefined && (message.data as { packet?: unknown[] }).packet?.[0] === ALIVE_EVENT
  );
}

/** The question a message asks or answers, if any. */
function requestIdOf(message: ClusterMessage | ClusterResponse): string | undefined {
  return (message as { data?: { requestId?: string } }).data?.requestId;
}

/** Longer than any question waits for its answers (the adapter's timeouts are 5 s). */
const QUESTION_MEMORY_MS = 15_000;

/**
 * Wraps a cluster adapter factory (the Redis Streams adapter's) so that an instance that hangs stops
 * being waited for. That adapter counts the instances by their subscriptions to its channel
 * (`PUBSUB NUMSUB`) and waits for that many answers to every question it asks across instances: a
 * room's sockets (fetchSockets), a join's barrier (serverSideEmitWithAck). An instance whose event
 * loop is stuck keeps its Redis connection, so it stayed counted, and every join anywhere waited
 * the full timeouts for as long as it hung.
 *
 * Here each instance beats every `beatMs` (see LIVENESS), and once its beat was heard, every message
 * of it counts as a sign of life (InstanceLiveness). One that then missed `missedBeforeSilent`
 * beats, yet is still subscribed to its own reply channel, is taken for hung: the count leaves it
 * out until it is heard again. One that is no longer subscribed died or stopped, and Redis's count
 * has already dropped it. An instance whose beat was never heard (just started, or of a release
 * without beats) is counted as Redis counts it. The adapter counts answers, not who sent them, so
 * a question asked while some instances were left out takes no answer from those: one that wakes
 * up and answers late must not stand in for an instance that was waited for.
 */
export function withLiveInstanceCount<A extends ClusterAdapter>(
  factory: (namespace: Namespace) => A,
  {
    channelPrefix,
    subscribers,
    report,
    beatMs = LIVENESS.beatMs,
    missedBeforeSilent = LIVENESS.missedBeforeSilent,
  }: LiveInstanceOptions,
): (namespace: Namespace) => A {
  // A function, not an arrow: socket.io calls the adapter option with `new` (what it returns is the adapter).
  return function liveInstancesCounted(namespace: Namespace): A {
    const adapter = factory(namespace);
    const internals = internalsOf(adapter);
    const liveness = new InstanceLiveness(missedBeforeSilent);
    /** Questions asked while instances were left out: requestId → those instances, and when. */
    const leftOut = new Map<string, { uids: ReadonlySet<string>; at: number }>();

    /** Which of these instances are still subscribed, each in its own reply channel. */
    const stillSubscribed = async (uids: readonly string[]): Promise<boolean[]> =>
      (await subscribers(uids.map((uid) => replyChannel(channelPrefix, namespace.name, uid)))).map(
        (count) => count > 0,
      );

    const receive = internals.onMessage.bind(adapter);
    internals.onMessage = (message, offset) => {
      if (message.nsp !== namespace.name || !message.uid) return receive(message, offset);
      if (message.uid === internals.uid) {
        liveness.heardOwn();
        return receive(message, offset);
      }
      if (liveness.heard(message.uid, isBeat(message))) report({ uid: message.uid, silent: false });
      if (ANSWERS.has(message.type)) {
        const question = leftOut.get(requestIdOf(message) ?? '');
        if (question?.uids.has(message.uid)) return;
      }
      receive(message, offset);
    };

    const publish = internals.doPublish.bind(adapter);
    internals.doPublish = (message) => {
      const requestId = requestIdOf(message);
      const silent = liveness.silent();
      if (requestId && silent.length > 0) leftOut.set(requestId, { uids: new Set(silent), at: Date.now() });
      return publish(message);
    };

    /** The quiet ones still subscribed hang; those (quiet or silent) no longer subscribed are gone. */
    const decide = async (uids: string[]) => {
      const subscribed = await stillSubscribed(uids);
      uids.forEach((uid, index) => {
        if (!subscribed[index]) liveness.forget(uid);
        // Already taken for silent, or heard again while Redis was asked: nothing to report.
        else if (liveness.markSilent(uid)) report({ uid, silent: true });
      });
    };
    const beat = () => {
      const uids = [...liveness.beat(), ...liveness.silent()];
      // A check that fails (Redis away) is made again at the next beat.
      if (uids.length > 0) decide(uids).catch(() => undefined);
      const forgetBefore = Date.now() - QUESTION_MEMORY_MS;
      for (const [requestId, question] of leftOut) if (question.at < forgetBefore) leftOut.delete(requestId);
      adapter.serverSideEmit([ALIVE_EVENT]).catch(() => undefined);
    };
    const timer = setInterval(beat, beatMs);
    timer.unref();
    adapter.serverSideEmit([ALIVE_EVENT]).catch(() => undefined);

    /*
     * The instances left out are those taken for silent when the count is answered, not when it
     * was asked: a question publishes right after its count (fetchSockets, serverSideEmit), so the
     * answers it drops (doPublish above) are from exactly the instances its count left out.
     * (broadcastWithAck publishes before it counts; the app sends no broadcast with acks.)
     */
    const counted = adapter.serverCount.bind(adapter);
    adapter.serverCount = async () => {
      const asked = liveness.silent();
      if (asked.length === 0) return counted();
      const [count, subscribed] = await Promise.all([counted(), stillSubscribed(asked)]);
      // One that died while taken for hung has left Redis's count already: it is not taken off twice.
      asked.forEach((uid, index) => subscribed[index] || liveness.forget(uid));
      return Math.max(1, count - liveness.silent().length);
    };

    const close = adapter.close.bind(adapter);
    adapter.close = () => {
      clearInterval(timer);
      return close();
    };
    return adapter;
  };
}

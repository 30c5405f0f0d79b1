import type { Namespace } from 'socket.io';
import type { ClusterAdapter, ClusterMessage } from 'socket.io-adapter';

/**
 * How often each instance says it is alive, and how many of those beats another may miss in a row
 * before it is taken for hung: 10 s of silence. The count is kept at this instance's own beats, so
 * a pause of its own (its event loop blocked, its machine paused) costs every other instance one
 * missed beat at most, never a verdict.
 */
export const LIVENESS = { beatMs: 2_000, missedBeforeSilent: 5 };

/** What the beat publishes (a server-side emit nobody listens to: the message itself is the news). */
export const ALIVE_EVENT = 'mockboard:instance-alive';

/** What this file reads of a cluster adapter: `onMessage` and `uid` are protected in its types. */
interface ClusterAdapterInternals {
  uid: string;
  onMessage(message: ClusterMessage, offset?: string): void;
}

/** What an instance learns of another from its messages. */
interface Heard {
  /** Whether a message of it arrived since this instance's last beat. */
  sinceLastBeat: boolean;
  /** This instance's beats in a row without a message of it. */
  missed: number;
}

/** A change in what this instance knows of another: gone silent (no longer waited for), or heard again. */
export interface LivenessChange {
  uid: string;
  silent: boolean;
}

/** An instance silent for this many beats is forgotten (it died or was replaced long ago). */
const FORGET_AFTER_BEATS = 100;

/**
 * Wraps a cluster adapter factory (the Redis Streams adapter's) so that an instance that hangs stops
 * being waited for. That adapter counts the instances by their subscriptions to its channel
 * (`PUBSUB NUMSUB`), and waits for that many answers to every question it asks across instances: a
 * room's sockets (fetchSockets), a join's barrier (serverSideEmitWithAck). An instance whose event
 * loop is stuck keeps its Redis connection, so it stays counted, and every join anywhere waited the
 * full timeouts for as long as it hung. Here each instance beats every `beatMs` (one PUBLISH), every
 * message from another instance counts as a sign of life, and the instance count is the
 * subscriptions' but never more than this instance and those heard within `missedBeforeSilent`
 * beats. An instance that dies is dropped by Redis at once, one that hangs after that many beats.
 * Until this instance has beaten that often itself, it has not yet heard everyone: the
 * subscriptions' count stands.
 */
export function withLiveInstanceCount<A extends ClusterAdapter>(
  factory: (namespace: Namespace) => A,
  report: (change: LivenessChange) => void,
  { beatMs, missedBeforeSilent } = LIVENESS,
): (namespace: Namespace) => A {
  // A function, not an arrow: socket.io calls the adapter option with `new` (what it returns is the adapter).
  return function liveInstancesCounted(namespace: Namespace): A {
    const adapter = factory(namespace);
    const internals = adapter as unknown as ClusterAdapterInternals;
    const heard = new Map<string, Heard>();
    let beats = 0;

    const receive = internals.onMessage.bind(adapter);
    internals.onMessage = (message, offset) => {
      if (message.uid && message.uid !== internals.uid) {
        const other = heard.get(message.uid);
        if (!other) heard.set(message.uid, { sinceLastBeat: true, missed: 0 });
        else {
          if (other.missed >= missedBeforeSilent) report({ uid: message.uid, silent: false });
          other.sinceLastBeat = true;
          other.missed = 0;
        }
      }
      receive(message, offset);
    };

    const beat = () => {
      beats += 1;
      for (const [uid, other] of heard) {
        if (!other.sinceLastBeat) other.missed += 1;
        other.sinceLastBeat = false;
        if (other.missed === missedBeforeSilent) report({ uid, silent: true });
        if (other.missed >= FORGET_AFTER_BEATS) heard.delete(uid);
      }
      // A beat that fails (Redis away) is not retried: the next one follows in beatMs.
      adapter.serverSideEmit([ALIVE_EVENT]).catch(() => undefined);
    };
    const timer = setInterval(beat, beatMs);
    timer.unref();
    adapter.serverSideEmit([ALIVE_EVENT]).catch(() => undefined);

    const subscribed = adapter.serverCount.bind(adapter);
    adapter.serverCount = async () => {
      const count = await subscribed();
      if (beats < missedBeforeSilent) return count;
      let live = 1;
      for (const other of heard.values()) if (other.missed < missedBeforeSilent) live += 1;
      return Math.min(count, live);
    };

    const close = adapter.close.bind(adapter);
    adapter.close = () => {
      clearInterval(timer);
      return close();
    };
    return adapter;
  };
}

import type { Namespace } from 'socket.io';
import { MessageType, type ClusterAdapter } from 'socket.io-adapter';
import { internalsOf } from './cluster-adapter-internals';

/** A room broadcast another instance published, as this instance's adapter is about to deliver it. */
export interface RemoteBroadcast {
  /** The event's name (socket.io packet data's first entry). */
  event: string;
  /** Its first argument. */
  payload: unknown;
  /** The rooms it is for (the sender's side chose them). */
  rooms: readonly string[];
  /** Socket ids it skips. A hook may add this instance's own: those get nothing from the delivery. */
  except: Set<string>;
}

/**
 * Looks at every room broadcast another instance published before it is delivered to this
 * instance's sockets, and may keep some of them from it (see RemoteBroadcast.except). Runs in the
 * adapter's delivery, so it must stay cheap; should it throw, the broadcast is delivered as sent
 * (and the failure reported, see HOOK_ERROR_REPORT_MS).
 */
export interface RemoteBroadcastHook {
  /** The events it looks at: others (cursors, the most frequent) pass without a look. */
  readonly events: ReadonlySet<string>;
  beforeDelivery(namespace: Namespace, broadcast: RemoteBroadcast): void;
}

/** The Nest provider token of the app's RemoteBroadcastHook (RoomModule provides it). */
export const REMOTE_BROADCAST_HOOK = Symbol('RemoteBroadcastHook');

/**
 * A hook that throws once would throw on every stroke of every room: its failures are reported at
 * most this often, with how many broadcasts failed since the last report.
 */
export const HOOK_ERROR_REPORT_MS = 60_000;

/** A broadcast's options as the cluster adapter sends them between instances. */
interface EncodedOptions {
  rooms: string[];
  except: string[];
}

/**
 * Wraps a cluster adapter factory (the Redis Streams adapter's) so that `hook` sees each plain
 * room broadcast from another instance before the adapter delivers it. The adapter delivers those
 * straight to its sockets, past anything the app does on its own broadcasts; a subclass cannot
 * step in either, because the delivery calls the in-memory adapter's `broadcast` through `super`.
 * So the instance's `onMessage`, which its transport calls for every message it reads, is wrapped.
 * Broadcasts that wait for acks, and every other kind of message, pass untouched.
 */
export function withRemoteBroadcastHook<A extends ClusterAdapter>(
  factory: (namespace: Namespace) => A,
  hook: RemoteBroadcastHook,
  onHookError: (error: unknown, failures: number) => void,
): (namespace: Namespace) => A {
  let failures = 0;
  let reportedAt = -Infinity;
  const failed = (error: unknown) => {
    failures += 1;
    const now = Date.now();
    if (now - reportedAt < HOOK_ERROR_REPORT_MS) return;
    reportedAt = now;
    onHookError(error, failures);
    failures = 0;
  };
  // A function, not an arrow: socket.io calls the adapter option with `new` (what it returns is the adapter).
  return function remoteBroadcastsHooked(namespace: Namespace): A {
    const adapter = factory(namespace);
    const internals = internalsOf(adapter);
    const deliver = internals.onMessage.bind(adapter);
    internals.onMessage = (message, offset) => {
      if (
        message.type === MessageType.BROADCAST &&
        message.uid !== internals.uid &&
        message.nsp === namespace.name &&
        message.data.requestId === undefined
      ) {
        try {
          inspect(
            namespace,
            message.data.packet as { data?: unknown },
            message.data.opts as EncodedOptions,
            hook,
          );
        } catch (error) {
          failed(error);
        }
      }
      deliver(message, offset);
    };
    return adapter;
  };
}

function inspect(
  namespace: Namespace,
  packet: { data?: unknown },
  options: EncodedOptions,
  hook: RemoteBroadcastHook,
): void {
  if (!Array.isArray(packet.data) || !hook.events.has(packet.data[0] as string)) return;
  const except = new Set(options.except);
  const before = except.size;
  hook.beforeDelivery(namespace, {
    event: packet.data[0],
    payload: packet.data[1],
    rooms: options.rooms,
    except,
  });
  // The options were decoded for this delivery alone: rewriting them changes nothing else.
  if (except.size !== before) options.except = [...except];
}

/** How long an emit waits for the server's answer (ack) before it counts as lost. */
export const ACK_TIMEOUT_MS = 10_000;

/**
 * How long a scene batch waits for its answer before it is sent again. Longer than a command's
 * ACK_TIMEOUT_MS, because the server answers a batch only once it is stored, and a server that
 * falls behind its database stops reading the sender until it catches up (issue 18): the batch is
 * not lost, it waits in the connection. When batches timed out at 10 s, each freed its place among
 * the unanswered (MAX_UNANSWERED_BATCHES) and its copies not replaced since went again, to the
 * server and the partner: more work in the very overload that made the answer late. A connection that
 * died is told by socket.io's heartbeat (pingInterval + pingTimeout, 45 s by default), and the
 * re-join sends everything pending again; this bounds only an answer lost on a connection that
 * stays up.
 */
export const SCENE_ACK_TIMEOUT_MS = 60_000;

/** What the server sent is checked before use (zod schemas from the contracts), so it comes as unknown. */
type Listener = (...args: unknown[]) => void;

/** An emit whose answer (ack) is awaited for at most the time given to `timeout`. */
export interface AckEmitter {
  /** `ack` gets an Error when no answer came in time, else null and the server's raw answer. */
  emit(event: string, payload: unknown, ack: (timeout: Error | null, raw: unknown) => void): unknown;
  /** Resolves with the server's raw answer; rejects when none came in time. */
  emitWithAck(event: string, payload: unknown): Promise<unknown>;
}

/**
 * What the collaboration client needs of its connection to the room (as tldraw's sync client
 * needs a TLPersistentClientSocket), shaped after socket.io-client's `Socket` so that one satisfies
 * it as it is: the web app and the tests open their socket and hand it over. Nothing in this lib
 * imports socket.io, so the client's logic can run over any transport with these few methods.
 */
export interface CollabSocket {
  /** The connection is open now. */
  readonly connected: boolean;
  /** The socket is open or will keep trying to (false once the server refused it). */
  readonly active: boolean;
  connect(): unknown;
  disconnect(): unknown;
  /** Server events, plus 'connect', 'disconnect' (with a reason) and 'connect_error' (with the Error). */
  on(event: string, listener: Listener): unknown;
  off(event: string, listener: Listener): unknown;
  emit(event: string, payload: unknown): unknown;
  /** Emits that may be dropped when the connection is not ready (cursors, views). */
  readonly volatile: { emit(event: string, payload: unknown): unknown };
  timeout(ms: number): AckEmitter;
  /** The connection manager: whether it reconnects by itself, and when it gave up. */
  readonly io: { reconnection(): boolean; on(event: 'reconnect_failed', listener: () => void): unknown };
}

/**
 * The socket.io-client options a room socket is opened with (plus `auth: { token }` for Node
 * clients; browsers authenticate with the session cookie). The client connects it itself.
 */
export const COLLAB_SOCKET_OPTIONS = {
  autoConnect: false,
  // Its own connection: cutting or closing it never touches another socket of the page.
  forceNew: true,
  withCredentials: true,
  // A dropped connection should come back quickly; socket.io backs off from there.
  reconnectionDelay: 250,
  reconnectionDelayMax: 5_000,
} as const;

/**
 * The query parameter that names the room on every request of its socket (each long-polling request
 * and the websocket upgrade): a proxy in front of several instances hashes on it, so both peers of a
 * room reach the same instance (deploy/haproxy/haproxy.cfg: `balance url_param session`).
 */
export const ROOM_ROUTING_PARAM = 'session';

/** COLLAB_SOCKET_OPTIONS for the room of `sessionId`, routable by a proxy (ROOM_ROUTING_PARAM). */
export function roomSocketOptions(sessionId: string) {
  return { ...COLLAB_SOCKET_OPTIONS, query: { [ROOM_ROUTING_PARAM]: sessionId } };
}

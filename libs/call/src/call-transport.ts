import type { CollabClient } from '@mockboard/collab';

/**
 * The call's view of the room's socket: the call signals over it only while the room's session
 * join holds (the server refuses call:* from a socket that has not joined the session).
 */
export interface CallTransport {
  /** The session join holds on the current connection. */
  readonly joined: boolean;
  /** Emits and resolves with the server's raw ack; rejects when none comes in time. */
  request(event: string, payload: object): Promise<unknown>;
  /** Emits without waiting (the page is going away). */
  send(event: string, payload: object): void;
  /** Listens to one server event; returns the unsubscribe. */
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** After every successful session (re)join on this connection. */
  onJoined(listener: () => void): () => void;
  /** The connection dropped: nothing sent now reaches anyone until the next join. */
  onDisconnected(listener: () => void): () => void;
}

const ACK_TIMEOUT_MS = 10_000;

/** The room's CollabClient as a call transport: its socket, and its join notifications. */
export function collabTransport(client: CollabClient): CallTransport {
  const socket = client.socket;
  return {
    get joined() {
      return client.isJoined;
    },
    request: (event, payload) => socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload),
    send: (event, payload) => void socket.emit(event, payload),
    on(event, listener) {
      socket.on(event, listener);
      return () => void socket.off(event, listener);
    },
    onJoined: (listener) => client.onJoined(listener),
    onDisconnected(listener) {
      socket.on('disconnect', listener);
      return () => void socket.off('disconnect', listener);
    },
  };
}

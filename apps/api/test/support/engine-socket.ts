import { EventEmitter } from 'node:events';
import type { Socket } from 'socket.io';

/** ws's connection as SocketReads pauses it, with whether it is paused now. */
export function aPausableConnection() {
  const connection = {
    paused: false,
    pause: () => (connection.paused = true),
    resume: () => (connection.paused = false),
  };
  return connection;
}

/**
 * A socket.io socket as SocketReads and SceneBackpressure see it: engine.io's connection (its
 * transport, ping timer and options, its `upgrade` event) and the socket's `disconnect` event,
 * which `disconnect()` fires. Unit specs only: the real thing is tested over real ports.
 */
export function anEngineSocket(transport = 'websocket') {
  const connection = aPausableConnection();
  const conn = Object.assign(new EventEmitter(), {
    transport: { name: transport, socket: connection },
    pingTimeoutTimer: null,
    sendPacket: () => undefined,
  });
  const socket = Object.assign(new EventEmitter(), {
    conn,
    nsp: { server: { engine: { opts: { pingInterval: 25_000, pingTimeout: 20_000 } } } },
  });
  return {
    socket: socket as unknown as Socket,
    connection,
    disconnect: () => socket.emit('disconnect', 'client namespace disconnect'),
  };
}

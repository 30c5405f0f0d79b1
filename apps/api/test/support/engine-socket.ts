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

/** An HTTP request as engine.io's long-polling transport is handed it, its response attached. */
export function aPollingRequest(method: 'GET' | 'POST') {
  const res = {
    status: null as number | null,
    ended: false,
    writeHead(status: number) {
      res.status = status;
      return res;
    },
    end() {
      res.ended = true;
    },
  };
  return Object.assign(new EventEmitter(), { method, res });
}

/** engine.io's long-polling transport as SocketReads sees it: the requests it was handed on. */
export function aPollingTransport() {
  const handedOn: unknown[] = [];
  const errors: string[] = [];
  return {
    name: 'polling',
    handedOn,
    errors,
    onRequest: (request: unknown) => void handedOn.push(request),
    onError: (message: string) => void errors.push(message),
  };
}

/**
 * A socket.io socket as SocketReads and SceneBackpressure see it: engine.io's connection (its
 * transport, ping timer and options, its `upgrade` event) and the socket's `disconnect` event,
 * which `disconnect()` fires. Unit specs only: the real thing is tested over real ports.
 */
export function anEngineSocket(transport: 'websocket' | 'polling' = 'websocket') {
  const connection = aPausableConnection();
  const polling = aPollingTransport();
  const conn = Object.assign(new EventEmitter(), {
    transport: transport === 'polling' ? polling : { name: transport, socket: connection },
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
    polling,
    disconnect: () => socket.emit('disconnect', 'client namespace disconnect'),
  };
}

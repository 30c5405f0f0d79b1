import type { IncomingMessage, ServerResponse } from 'node:http';

/** What SocketReads pauses: ws's connection under a websocket, or a long-polling transport. */
export interface PausableConnection {
  pause(): void;
  resume(): void;
}

/**
 * What this reads of engine.io's long-polling transport (6.x): the server hands it each HTTP
 * request of its session, and it reads a POST's body as that request's messages. Both are
 * private in engine.io's types.
 */
interface PollingTransport {
  onRequest(request: PollingRequest): void;
  onError(message: string): void;
}

/** engine.io hands its transport the request with its response attached. */
type PollingRequest = IncomingMessage & { res?: ServerResponse | null };

/**
 * Pauses a long-polling connection the way TCP pauses a websocket. engine.io answers a POST once
 * it has read its body, and its client sends the next POST only after that answer, with whatever
 * it buffered meanwhile. So while paused, a POST is left unread and unanswered (the kernel's
 * buffers push back on a large one); the client's later messages wait in its own memory, as a
 * websocket client's wait in its socket. GETs still pass: the server's pings and messages still
 * reach the client. Once resumed, the POST left waiting is handed on. A second POST while one
 * waits is refused as engine.io refuses overlapping POSTs (400, and the transport ends).
 *
 * A POST left waiting longer than a proxy's server timeout (HAProxy's 60 s in deploy/haproxy) or
 * Node's requestTimeout (300 s, for a body too large to sit in the buffers) fails: the client then
 * reconnects and sends again what is not acknowledged, as after any dropped connection.
 */
export function pausablePolling(transport: PollingTransport): PausableConnection {
  const handOn = transport.onRequest;
  /** The POST left unread, with its listener for the client giving up on it. */
  let waiting: { request: PollingRequest; gone: () => void } | null = null;
  let paused = false;

  const wait = (request: PollingRequest) => {
    if (waiting) {
      request.res?.writeHead(400).end();
      transport.onError('data request overlap from client');
      return;
    }
    // A client that gives up on its POST is gone, as engine.io decides for a POST cut off while
    // it reads it: otherwise the session would wait for messages that never come.
    const gone = () => {
      waiting = null;
      transport.onError('data request connection closed prematurely');
    };
    waiting = { request, gone };
    request.once('close', gone);
  };

  return {
    pause() {
      if (paused) return;
      paused = true;
      transport.onRequest = (request) => {
        if (request.method === 'POST') wait(request);
        else handOn.call(transport, request);
      };
    },
    resume() {
      if (!paused) return;
      paused = false;
      transport.onRequest = handOn;
      if (!waiting) return;
      const { request, gone } = waiting;
      waiting = null;
      request.removeListener('close', gone);
      handOn.call(transport, request);
    },
  };
}

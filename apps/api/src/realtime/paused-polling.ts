import type { IncomingMessage } from 'node:http';

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
  onRequest(request: IncomingMessage): void;
  onError(message: string): void;
}

/**
 * Pauses a long-polling connection the way TCP pauses a websocket. engine.io answers a POST once
 * it has read its body, and its client sends the next POST only after that answer, with whatever
 * it buffered meanwhile. So while paused, a POST is left unread and unanswered (the kernel's
 * buffers push back on a large one); the client's later messages wait in its own memory, as a
 * websocket client's wait in its socket. GETs still pass: the server's pings and messages still
 * reach the client. Once resumed, the POSTs left waiting are handed on in the order they came.
 */
export function pausablePolling(transport: PollingTransport): PausableConnection {
  const handOn = transport.onRequest;
  /** POSTs left unread, each with its listener for the client giving up on it. */
  const waiting = new Map<IncomingMessage, () => void>();
  let paused = false;

  const wait = (request: IncomingMessage) => {
    // A client that gives up on its POST is gone, as engine.io decides for a POST cut off while
    // it reads it: otherwise the session would wait for messages that never come.
    const gone = () => {
      waiting.delete(request);
      transport.onError('data request connection closed prematurely');
    };
    waiting.set(request, gone);
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
      const requests = [...waiting];
      waiting.clear();
      for (const [request, gone] of requests) {
        request.removeListener('close', gone);
        handOn.call(transport, request);
      }
    },
  };
}

import type { Socket } from 'socket.io';
import { SOCKET_FLOOD, SOCKET_RATE_LIMITS } from '@mockboard/contracts';
import { SocketRateLimiter } from './socket-rate-limiter';

/** Just what the limiter touches of a socket: its identity, and disconnect for flooders. */
function aSocket() {
  const socket = { disconnected: false, disconnect: () => (socket.disconnected = true) };
  return socket;
}

describe('SocketRateLimiter', () => {
  const at = 1_000_000;

  it('lets a burst of commands through, then refuses with rate_limited and a retry hint', () => {
    const limiter = new SocketRateLimiter();
    const socket = aSocket() as unknown as Socket;
    const { burst } = SOCKET_RATE_LIMITS.command;
    for (let i = 0; i < burst; i += 1) expect(limiter.take(socket, 'session:phase', at)).toBeNull();
    expect(limiter.take(socket, 'session:swap', at)).toEqual({
      ok: false,
      error: {
        code: 'rate_limited',
        message: 'Too many session:swap: at most 2 per second; retry in 500 ms',
      },
    });
    // Half a second later one more token has come back.
    expect(limiter.take(socket, 'session:end', at + 500)).toBeNull();
  });

  it('keeps a separate budget per event class: a cursor flood does not block strokes', () => {
    const limiter = new SocketRateLimiter();
    const socket = aSocket() as unknown as Socket;
    for (let i = 0; i < 100; i += 1) limiter.take(socket, 'pointer:update', at);
    expect(limiter.take(socket, 'scene:update', at)).toBeNull();
    expect(limiter.take(socket, 'pointer:update', at)?.error.code).toBe('rate_limited');
  });

  it('disconnects a socket once it has been refused SOCKET_FLOOD.maxRefusals times in a window', () => {
    const flooded: unknown[] = [];
    const limiter = new SocketRateLimiter((socket) => flooded.push(socket));
    const socket = aSocket();
    const limit = SOCKET_RATE_LIMITS.viewport.burst;
    for (let i = 0; i < limit + SOCKET_FLOOD.maxRefusals - 1; i += 1)
      limiter.take(socket as unknown as Socket, 'viewport:update', at);
    expect(socket.disconnected).toBe(false);
    limiter.take(socket as unknown as Socket, 'viewport:update', at);
    expect(socket.disconnected).toBe(true);
    expect(flooded).toEqual([socket]);
  });

  it('forgets old refusals: a client that slows down is never disconnected', () => {
    const limiter = new SocketRateLimiter();
    const socket = aSocket();
    for (let window = 0; window < 5; window += 1) {
      const start = at + window * (SOCKET_FLOOD.windowMs + 1);
      for (let i = 0; i < SOCKET_FLOOD.maxRefusals / 2; i += 1)
        limiter.take(socket as unknown as Socket, 'pointer:update', start);
    }
    expect(socket.disconnected).toBe(false);
  });
});

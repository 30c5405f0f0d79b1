import type { Socket } from 'socket.io';
import { SOCKET_FLOOD, SOCKET_RATE_LIMITS } from '@mockboard/contracts';
import { MAX_BACKLOG_CREDIT_MS } from './socket-reads';
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

  it('neither disconnects nor keeps refusing a client once the clock steps back', () => {
    const limiter = new SocketRateLimiter();
    const socket = aSocket();
    const take = (now: number) => limiter.take(socket as unknown as Socket, 'pointer:update', now);
    const { burst } = SOCKET_RATE_LIMITS.pointer;
    for (let i = 0; i < burst + SOCKET_FLOOD.maxRefusals - 1; i += 1) take(at);
    const back = at - 3_600_000;
    // The refusal after the step counts in a new window, and the budget refills from the new time.
    expect(take(back)?.error.code).toBe('rate_limited');
    expect(socket.disconnected).toBe(false);
    expect(take(back + 1_000)).toBeNull();
  });

  describe('while the event loop runs late', () => {
    const { perSecond, burst } = SOCKET_RATE_LIMITS.scene;
    /** A client at 10 Hz over `seconds`, all read at once at the end (the loop was that late). */
    const tenHzReadInOneBunch = (
      limiter: SocketRateLimiter,
      socket: Socket,
      from: number,
      seconds: number,
    ) => {
      const readAt = from + seconds * 1000;
      return Array.from({ length: seconds * 10 }, () => limiter.take(socket, 'scene:update', readAt));
    };

    it('refuses none of a 10 Hz client’s strokes that a stalled loop reads in one bunch', () => {
      const stalledFor = (ms: number) => (now: number) => (now === at + ms ? ms : 0);
      const limiter = new SocketRateLimiter(undefined, stalledFor(8_000));
      const socket = aSocket() as unknown as Socket;
      expect(limiter.take(socket, 'scene:update', at)).toBeNull();
      expect(tenHzReadInOneBunch(limiter, socket, at, 8).every((refusal) => refusal === null)).toBe(true);
    });

    it('refuses the same bunch on a loop that is on time, where it is a burst past the limit', () => {
      const limiter = new SocketRateLimiter();
      const socket = aSocket() as unknown as Socket;
      const refused = tenHzReadInOneBunch(limiter, socket, at, 8).filter((refusal) => refusal !== null);
      expect(refused).toHaveLength(8 * 10 - burst);
    });

    it('refuses none of a bunch older than the lateness while the loop is a second or more late', () => {
      // Seen at 500 rooms on 2 cores: the loop ~2 s late, yet a socket's strokes of the last ~9 s
      // read at once; with credit for the 2 s alone, most of the bunch was refused.
      const limiter = new SocketRateLimiter(undefined, () => 2_000);
      const socket = aSocket() as unknown as Socket;
      expect(limiter.take(socket, 'scene:update', at)).toBeNull();
      expect(tenHzReadInOneBunch(limiter, socket, at, 9).every((refusal) => refusal === null)).toBe(true);
    });

    it('refuses none of a bunch its socket’s held reads kept back, and only that socket’s', () => {
      // SocketReads held one socket for 9 s (SceneBackpressure); the loop itself is on time.
      const held = aSocket() as unknown as Socket;
      const limiter = new SocketRateLimiter(
        undefined,
        () => 0,
        (socket) => (socket === held ? 9_000 : 0),
      );
      expect(limiter.take(held, 'scene:update', at)).toBeNull();
      expect(tenHzReadInOneBunch(limiter, held, at, 9).every((refusal) => refusal === null)).toBe(true);
      const other = aSocket() as unknown as Socket;
      const refused = tenHzReadInOneBunch(limiter, other, at, 9).filter((refusal) => refusal !== null);
      expect(refused).toHaveLength(9 * 10 - burst);
    });

    it('widens nothing for a loop less than a second late', () => {
      const limiter = new SocketRateLimiter(undefined, () => 900);
      const socket = aSocket() as unknown as Socket;
      const refused = tenHzReadInOneBunch(limiter, socket, at, 9).filter((refusal) => refusal !== null);
      // What a 0.9 s delay allows is less than the burst: the burst is the limit.
      expect(refused).toHaveLength(9 * 10 - burst);
    });

    it('gives a loop "late" by an hour (a clock stepped forward) a minute of credit, not the hour', () => {
      const limiter = new SocketRateLimiter(undefined, () => 3_600_000);
      const socket = aSocket() as unknown as Socket;
      let accepted = 0;
      while (limiter.take(socket, 'scene:update', at) === null && accepted < perSecond * 3_600) accepted += 1;
      expect(accepted).toBe((perSecond * MAX_BACKLOG_CREDIT_MS) / 1000);
    });

    it('still holds a flood to the limit over time, user budget included', () => {
      const limiter = new SocketRateLimiter(undefined, () => 2_000);
      const socket = { ...aSocket(), data: { user: { id: 'someone' } } } as unknown as Socket;
      let accepted = 0;
      // 200 strokes every 100 ms for 20 s: twenty times a 10 Hz client.
      for (let tick = 0; tick < 200; tick += 1)
        for (let i = 0; i < 200; i += 1)
          if (limiter.take(socket, 'scene:update', at + tick * 100) === null) accepted += 1;
      // The limit's rate over 20 s, plus one credit of 10 s of it (the loop is strained).
      expect(accepted).toBeLessThanOrEqual(Math.ceil(perSecond * 20 + perSecond * 10));
      expect(accepted).toBeGreaterThan(perSecond * 20);
    });
  });
});

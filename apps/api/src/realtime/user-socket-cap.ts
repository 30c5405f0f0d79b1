import type { Server, Socket } from 'socket.io';
import { SOCKET_CAPS, SOCKET_CONNECT_RATE } from '@mockboard/contracts';
import { SOCKET_LIST_TIMEOUT_MS } from '../common/socket-listing';
import { withinLast } from './clock-span';
import type { SocketData } from './realtime-io.adapter';
import { TokenBucket } from './token-bucket';

/** Where a user's sockets are, on every instance (NotificationsGateway joins them to it). */
const userRoomOf = (userId: string): string => `user:${userId}`;

/** The refusal a client sees as `connect_error`: `message` for people, `data.code` for code. */
export class TooManySocketsError extends Error {
  readonly data = { code: 'too_many_sockets' as const };

  constructor() {
    super(
      `too_many_sockets: at most ${SOCKET_CAPS.perUser} connections per user; close another tab or window`,
    );
  }
}

/** A user opening new sockets faster than SOCKET_CONNECT_RATE, as `connect_error` (`data.code`). */
export class ConnectingTooFastError extends Error {
  readonly data = { code: 'rate_limited' as const };

  constructor(retryAfterMs: number) {
    super(
      `rate_limited: at most ${SOCKET_CONNECT_RATE.burst} new connections per user at once, then one ` +
        `every ${1 / SOCKET_CONNECT_RATE.perSecond} s; retry in ${Math.ceil(retryAfterMs / 1000)} s`,
    );
  }
}

/** A bucket left alone this long is full again, so forgetting it changes nothing. */
const IDLE_BUCKET_MS = (SOCKET_CONNECT_RATE.burst / SOCKET_CONNECT_RATE.perSecond) * 1000;

/**
 * Caps the sockets one user holds open at SOCKET_CAPS.perUser, and how fast they open new ones
 * (SOCKET_CONNECT_RATE), as a handshake middleware (after authentication). Sockets of this
 * instance are counted synchronously from the moment their handshake passes here, so a burst of
 * simultaneous connections cannot all slip under the cap while the count is read; sockets on other instances are counted through the adapter (Redis).
 */
export class UserSocketCap {
  private readonly local = new Map<string, Set<string>>();
  /** Per user: how fast they open new sockets, and when they last did (to forget idle users). */
  private readonly connects = new Map<string, { bucket: TokenBucket; lastAt: number }>();
  private lastSweepAt = Date.now();

  constructor(private readonly server: Server) {}

  /** Takes one new-connection token of this user's, or says how long until the next one. */
  private admitConnect(userId: string, now: number): number | null {
    if (!withinLast(IDLE_BUCKET_MS, this.lastSweepAt, now)) {
      this.lastSweepAt = now;
      for (const [id, entry] of this.connects)
        if (now - entry.lastAt > IDLE_BUCKET_MS) this.connects.delete(id);
    }
    let entry = this.connects.get(userId);
    if (!entry) {
      entry = {
        bucket: new TokenBucket(SOCKET_CONNECT_RATE.perSecond, SOCKET_CONNECT_RATE.burst, now),
        lastAt: now,
      };
      this.connects.set(userId, entry);
    }
    entry.lastAt = now;
    return entry.bucket.take(now) ? null : entry.bucket.secondsToNext() * 1000;
  }

  readonly middleware = (socket: Socket, next: (error?: Error) => void): void => {
    const user = (socket.data as Partial<SocketData>).user;
    if (!user) return next();
    const mine = this.local.get(user.id) ?? new Set<string>();
    if (mine.size >= SOCKET_CAPS.perUser) return next(new TooManySocketsError());
    // Counted only for sockets under the cap, so a refused burst does not also lock the user out.
    const retryAfterMs = this.admitConnect(user.id, Date.now());
    if (retryAfterMs !== null) return next(new ConnectingTooFastError(retryAfterMs));
    mine.add(socket.id);
    this.local.set(user.id, mine);
    // A socket whose client leaves while the other instances are counted below never connects, so
    // no disconnect event follows: socket.io drops it quietly, and this frees its place then.
    const refusedLater = setTimeout(() => {
      if (!socket.connected) release();
    }, 30_000).unref();
    const release = () => {
      // Cleared as the socket leaves, or the timer would keep it (and all it refers to) for 30 s.
      clearTimeout(refusedLater);
      mine.delete(socket.id);
      if (mine.size === 0 && this.local.get(user.id) === mine) this.local.delete(user.id);
    };
    socket.once('disconnect', release);
    this.server
      .timeout(SOCKET_LIST_TIMEOUT_MS)
      .in(userRoomOf(user.id))
      .fetchSockets()
      .then(
        (sockets) => {
          const elsewhere = sockets.filter((other) => !this.server.of('/').sockets.has(other.id)).length;
          if (mine.size + elsewhere > SOCKET_CAPS.perUser) {
            release();
            return next(new TooManySocketsError());
          }
          next();
        },
        // Another instance did not answer: this instance's own count still holds.
        () => next(),
      );
  };
}

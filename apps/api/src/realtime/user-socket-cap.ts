import type { Server, Socket } from 'socket.io';
import { SOCKET_CAPS } from '@mockboard/contracts';
import type { SocketData } from './realtime-io.adapter';

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

/**
 * Caps the sockets one user holds open at SOCKET_CAPS.perUser, as a handshake middleware (after
 * authentication). Sockets of this instance are counted synchronously from the moment their
 * handshake passes here, so a burst of simultaneous connections cannot all slip under the cap
 * while the count is read; sockets on other instances are counted through the adapter (Redis).
 */
export class UserSocketCap {
  private readonly local = new Map<string, Set<string>>();

  constructor(private readonly server: Server) {}

  readonly middleware = (socket: Socket, next: (error?: Error) => void): void => {
    const user = (socket.data as Partial<SocketData>).user;
    if (!user) return next();
    const mine = this.local.get(user.id) ?? new Set<string>();
    if (mine.size >= SOCKET_CAPS.perUser) return next(new TooManySocketsError());
    mine.add(socket.id);
    this.local.set(user.id, mine);
    const release = () => {
      mine.delete(socket.id);
      if (mine.size === 0 && this.local.get(user.id) === mine) this.local.delete(user.id);
    };
    socket.once('disconnect', release);
    // A later middleware may still refuse the handshake: no disconnect event follows then.
    setTimeout(() => {
      if (!socket.connected) release();
    }, 30_000).unref();
    this.server
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

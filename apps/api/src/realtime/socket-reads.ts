import { Injectable } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { LATENESS_REMEMBERED_MS } from './loop-lateness';
import { pausablePolling, type PausableConnection } from './pausable-polling';

/**
 * The most backlog a socket's reads are credited with (backlogMs), and a late loop's reads too
 * (creditForLateness): what a minute of its rate allows at once. More would let a socket held through a long overload send, say, a hundred
 * commands at once; a read brings at most what the kernel buffered, a few seconds of strokes.
 */
export const MAX_BACKLOG_CREDIT_MS = 60_000;

/** One socket's reads held back: since when, and what was paused. */
interface Hold {
  connection: PausableConnection | null;
  /** Keeps engine.io from timing out the pong it cannot read while held (keepHeartbeat). */
  heartbeat: ReturnType<typeof setInterval> | null;
  /** When this run of holds began: holds that follow each other within a moment count as one. */
  since: number;
  /** When the latest hold ended (null: it still holds). */
  releasedAt: number | null;
}

/**
 * Both ends of engine.io time a connection out: the server when it has not read the pong to its
 * ping within pingTimeout (20 s), the client when no ping came for pingInterval + pingTimeout (it
 * pings again only once it has read the pong). A held socket's pong waits behind what its client
 * sent before it, so while held, this does engine.io's part: it restarts the server's pong timer
 * and sends the client a ping, twice within the shorter of the two; the client's pongs are read
 * once released, and from then on the heartbeat counts as usual (a client gone without closing is
 * noticed then, or by the failed writes of these pings). Both are private to engine.io's Socket
 * (6.x, protocol 4: with allowEIO3, which we leave off, the server must not ping): the spec holds
 * a real connection past a short ping timeout to pin them.
 */
function keepHeartbeat(socket: Socket): ReturnType<typeof setInterval> {
  const engine = socket.conn as unknown as {
    pingTimeoutTimer?: { refresh(): unknown } | null;
    sendPacket(type: 'ping'): void;
  };
  const { pingInterval, pingTimeout } = socket.nsp.server.engine.opts;
  const beat = () => {
    engine.pingTimeoutTimer?.refresh();
    engine.sendPacket('ping');
  };
  // At once too: the ping in flight when the hold began may be nearly out of time.
  beat();
  const timer = setInterval(beat, Math.min(pingInterval!, pingTimeout!) / 2);
  timer.unref();
  return timer;
}

/** engine.io's transport as read here: all of it is private in engine.io's types. */
interface EngineTransport {
  name?: string;
  /** Under the websocket transport: ws's connection (ws 8 pauses its TCP socket). */
  socket?: Partial<PausableConnection>;
  onRequest?: unknown;
  onError?: unknown;
}

const transportOf = (socket: Socket) => socket.conn.transport as unknown as EngineTransport;

function pausableConnectionOf(socket: Socket): PausableConnection | null {
  const transport = transportOf(socket);
  if (transport.name === 'polling') {
    return typeof transport.onRequest === 'function' && typeof transport.onError === 'function'
      ? pausablePolling(transport as Parameters<typeof pausablePolling>[0])
      : null;
  }
  const connection = transport.name === 'websocket' ? transport.socket : undefined;
  return typeof connection?.pause === 'function' && typeof connection.resume === 'function'
    ? (connection as PausableConnection)
    : null;
}

/**
 * Stops and restarts reading a socket, so the kernel's buffers and TCP's flow control push back on
 * a client the server cannot keep up with, instead of its messages piling up in memory (issue 18:
 * 500 rooms on two cores grew the server past 2 GB in a minute and a half). What is already read
 * still arrives: a hold stops the next read, not the messages of the current one.
 *
 * It also tells how far behind a socket's reads may be (`backlogMs`): once released, it reads in
 * one go what its client sent while held, and the rate limits must not count that as a burst.
 */
@Injectable()
export class SocketReads {
  private readonly holds = new WeakMap<Socket, Hold>();
  /** Sockets on long-polling whose upgrade to a websocket is watched (see followUpgrade). */
  private readonly upgrading = new WeakSet<Socket>();

  hold(socket: Socket, now = Date.now()): void {
    const previous = this.holds.get(socket);
    if (previous && previous.releasedAt === null) return;
    const continues = previous && now - previous.releasedAt! < LATENESS_REMEMBERED_MS;
    const hold: Hold = {
      connection: null,
      heartbeat: null,
      since: continues ? previous.since : now,
      releasedAt: null,
    };
    this.holds.set(socket, hold);
    if (transportOf(socket).name === 'polling') this.followUpgrade(socket);
    // Mid-upgrade, long-polling is left as it is: see followUpgrade.
    if (!socket.conn.upgrading) this.pause(socket, hold);
  }

  private pause(socket: Socket, hold: Hold): void {
    const connection = pausableConnectionOf(socket);
    hold.connection = connection;
    if (!connection) return;
    connection.pause();
    hold.heartbeat ??= keepHeartbeat(socket);
  }

  /**
   * The web client starts on long-polling and upgrades to a websocket a moment after it connects:
   * a hold that began before moves to the websocket. Long-polling is let go once the upgrade starts
   * (the probe): the client completes it only once its POST is answered (held, it would give up
   * after upgradeTimeout and stall until its ping timeout), and engine.io stops reading the old
   * transport at the upgrade. What that POST brings is parked like any read. Should the upgrade
   * fail, this hold stays unapplied until it ends; the next one pauses long-polling again.
   */
  private followUpgrade(socket: Socket): void {
    if (this.upgrading.has(socket)) return;
    this.upgrading.add(socket);
    socket.conn.once('upgrading', () => {
      const hold = this.activeHold(socket);
      hold?.connection?.resume();
      if (hold) hold.connection = null;
    });
    socket.conn.once('upgrade', () => {
      const hold = this.activeHold(socket);
      if (hold) this.pause(socket, hold);
    });
  }

  private activeHold(socket: Socket): Hold | null {
    const hold = this.holds.get(socket);
    return hold && hold.releasedAt === null ? hold : null;
  }

  release(socket: Socket, now = Date.now()): void {
    const hold = this.holds.get(socket);
    if (!hold || hold.releasedAt !== null) return;
    hold.releasedAt = now;
    clearInterval(hold.heartbeat ?? undefined);
    hold.connection?.resume();
  }

  isHeld(socket: Socket): boolean {
    return this.activeHold(socket) !== null;
  }

  /**
   * How old the oldest message a read of this socket may bring is, as far as holding it explains:
   * since its run of holds began, while it lasts and for LATENESS_REMEMBERED_MS after (the backlog
   * is read in a few bunches), at most MAX_BACKLOG_CREDIT_MS; 0 for a socket read as it comes.
   */
  backlogMs(socket: Socket, now = Date.now()): number {
    const hold = this.holds.get(socket);
    if (!hold) return 0;
    if (hold.releasedAt !== null && now - hold.releasedAt >= LATENESS_REMEMBERED_MS) return 0;
    return Math.min(now - hold.since, MAX_BACKLOG_CREDIT_MS);
  }
}

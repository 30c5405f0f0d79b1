import type { Socket } from 'socket.io';
import {
  CALL_EVENTS,
  CHAT_EVENTS,
  ROOM_EVENTS,
  SOCKET_FLOOD,
  SOCKET_RATE_LIMITS,
  USER_RATE_LIMITS,
  type ErrorAck,
  type SocketEventClass,
} from '@mockboard/contracts';
import { withinLast } from './clock-span';
import { MAX_BACKLOG_CREDIT_MS } from './socket-reads';
import { TokenBucket } from './token-bucket';

/** Which limit each event counts against; any event not named here counts as `other`. */
const CLASS_OF_EVENT: Readonly<Record<string, SocketEventClass>> = {
  [ROOM_EVENTS.join]: 'join',
  [ROOM_EVENTS.sceneUpdate]: 'scene',
  [ROOM_EVENTS.notes]: 'notes',
  [ROOM_EVENTS.phase]: 'command',
  [ROOM_EVENTS.swap]: 'command',
  [ROOM_EVENTS.end]: 'command',
  [ROOM_EVENTS.depart]: 'command',
  // A hint reveal is a click, like a phase change.
  [ROOM_EVENTS.hintReveal]: 'command',
  [ROOM_EVENTS.pointerUpdate]: 'pointer',
  [ROOM_EVENTS.viewportUpdate]: 'viewport',
  [CALL_EVENTS.join]: 'call',
  [CALL_EVENTS.leave]: 'call',
  [CALL_EVENTS.offer]: 'signal',
  [CALL_EVENTS.answer]: 'signal',
  [CALL_EVENTS.candidate]: 'signal',
  [CALL_EVENTS.media]: 'signal',
  [CHAT_EVENTS.send]: 'chat',
  [CHAT_EVENTS.history]: 'chatHistory',
};

/** No handler would answer: the client learns at once instead of waiting for its ack to time out. */
const unknownEvent = (name: string): ErrorAck => ({
  ok: false,
  error: { code: 'bad_request', message: `${name || 'that event'}: not an event this server handles` },
});

/**
 * A loop this late is saturated, not hiccuping: it reads each socket's backlog in bunches, and a
 * bunch can be far older than the loop's lateness (bench/realtime at 500 rooms on 2 cores: the loop
 * ~2 s late, bunches of 80-90 strokes of a 10 Hz client, ~9 s of them). So while it lasts, each
 * bucket holds what its rate refills over STRAINED_CREDIT_MS: a client within its rate is not
 * refused for the server's backlog, and the rate over time stays the limit.
 */
const STRAINED_LATE_MS = 1_000;
const STRAINED_CREDIT_MS = 10_000;

/** Over how many ms of its rate a bucket may fill: the loop's lateness, widened while strained. */
export function creditForLateness(lateMs: number): number {
  if (lateMs < STRAINED_LATE_MS) return lateMs;
  // A loop "late" by more than that was paused (a debugger, a suspended VM) or saw the wall clock
  // jump forward: its next reads bring at most what one held socket's may, not the span.
  return Math.min(Math.max(lateMs, STRAINED_CREDIT_MS), MAX_BACKLOG_CREDIT_MS);
}

/** One socket's buckets, and the refusals it has collected in the current flood window. */
interface SocketRates {
  buckets: Partial<Record<SocketEventClass, TokenBucket>>;
  refusals: number;
  windowStartedAt: number;
}

/**
 * Rate limits every event a socket sends, before any handler (room, notifications, or none) sees
 * it: socket.io's per-socket middleware. Over the limit, an event with an ack is answered
 * `rate_limited` with a retry hint, one without is dropped; a socket that keeps sending far past
 * its limits (SOCKET_FLOOD) is disconnected. A refusal costs no database work, so a flood cannot
 * stall the server. State lives here, not in socket.data, which the Redis adapter serializes.
 */
export class SocketRateLimiter {
  private readonly rates = new WeakMap<Socket, SocketRates>();
  /** Per user and class (USER_RATE_LIMITS): the budget all of a user's sockets share. */
  private readonly userBuckets = new Map<string, { bucket: TokenBucket; lastAt: number }>();
  private lastSweepAt = Date.now();

  /**
   * `loopLateMs`: how late the event loop runs (LoopLateness). A loop short of CPU reads each
   * socket's messages in bunches; the buckets then hold what their rate refills over that delay
   * (over STRAINED_CREDIT_MS once it is a second late), so a client within its rate is never
   * refused for the server's delay (issue 18: 87 % of a 10 Hz client's strokes were refused with
   * busy neighbours), while the rate over time stays the limit. `backlogMs`: the same for one
   * socket whose reads the server held back (SocketReads).
   */
  constructor(
    private readonly onFlood: (socket: Socket) => void = () => undefined,
    private readonly loopLateMs: (now: number) => number = () => 0,
    private readonly backlogMs: (socket: Socket, now: number) => number = () => 0,
  ) {}

  attach(socket: Socket): void {
    socket.use((packet, next) => {
      const [event] = packet;
      const name = typeof event === 'string' ? event : '';
      const refusal =
        this.take(socket, name, Date.now()) ?? (name in CLASS_OF_EVENT ? null : unknownEvent(name));
      if (refusal === null) return next();
      const ack = packet[packet.length - 1];
      if (typeof ack === 'function') (ack as (reply: ErrorAck) => void)(refusal);
    });
  }

  /** null when the event may pass; else the refusal its ack gets. */
  take(socket: Socket, event: string, now: number): ErrorAck | null {
    const rates = this.ratesOf(socket, now);
    const kind = CLASS_OF_EVENT[event] ?? 'other';
    const { perSecond, burst } = SOCKET_RATE_LIMITS[kind];
    const creditMs = Math.max(this.creditMs(now), this.backlogMs(socket, now));
    // A new bucket is as full as one that waited through the loop's delay.
    const bucket = (rates.buckets[kind] ??= new TokenBucket(perSecond, burst, now - creditMs));
    const userBucket = this.userBucketOf(socket, kind, now, creditMs);
    const socketAllows = bucket.take(now, creditMs);
    if (socketAllows && (!userBucket || userBucket.take(now, creditMs))) return null;
    if (!withinLast(SOCKET_FLOOD.windowMs, rates.windowStartedAt, now)) {
      rates.windowStartedAt = now;
      rates.refusals = 0;
    }
    rates.refusals += 1;
    if (rates.refusals === SOCKET_FLOOD.maxRefusals) {
      this.onFlood(socket);
      socket.disconnect(true);
    }
    const retryAfterMs = Math.ceil(Math.max(bucket.secondsToNext(), userBucket?.secondsToNext() ?? 0) * 1000);
    // Name the budget that refused: this socket's own, or the one all of the user's sockets share.
    const refusedBy = socketAllows ? USER_RATE_LIMITS[kind]! : SOCKET_RATE_LIMITS[kind];
    const scope = socketAllows ? ' (one budget for all of your connections)' : '';
    return {
      ok: false,
      error: {
        code: 'rate_limited',
        message: `Too many ${event || 'messages'}: at most ${refusedBy.perSecond} per second${scope}; retry in ${retryAfterMs} ms`,
      },
    };
  }

  private creditMs(now: number): number {
    return creditForLateness(this.loopLateMs(now));
  }

  /** The user's shared bucket for this class, when the class has one (USER_RATE_LIMITS). */
  private userBucketOf(
    socket: Socket,
    kind: SocketEventClass,
    now: number,
    creditMs: number,
  ): TokenBucket | null {
    const limit = USER_RATE_LIMITS[kind];
    const userId = (socket.data as { user?: { id?: string } } | undefined)?.user?.id;
    if (!limit || !userId) return null;
    // A bucket idle long enough is full again: forgetting it changes nothing.
    const idleMs = (limit.burst / limit.perSecond) * 1000 + 1000;
    if (!withinLast(60_000, this.lastSweepAt, now)) {
      this.lastSweepAt = now;
      for (const [key, entry] of this.userBuckets)
        if (now - entry.lastAt > idleMs) this.userBuckets.delete(key);
    }
    const key = `${userId}:${kind}`;
    let entry = this.userBuckets.get(key);
    if (!entry) {
      entry = { bucket: new TokenBucket(limit.perSecond, limit.burst, now - creditMs), lastAt: now };
      this.userBuckets.set(key, entry);
    }
    entry.lastAt = now;
    return entry.bucket;
  }

  private ratesOf(socket: Socket, now: number): SocketRates {
    let rates = this.rates.get(socket);
    if (!rates) {
      rates = { buckets: {}, refusals: 0, windowStartedAt: now };
      this.rates.set(socket, rates);
    }
    return rates;
  }
}

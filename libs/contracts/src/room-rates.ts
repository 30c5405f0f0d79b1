import { ROOM_LIMITS } from './room';

/**
 * How often one socket may send each kind of room event: `perSecond` refills continuously up to
 * `burst`. The web client stays well inside these (cursors at 20 Hz, views at 10 Hz, scene
 * batches at 20 Hz); above them, events with an ack get `rate_limited`, the others are dropped.
 */
export const SOCKET_RATE_LIMITS = {
  /** Joining reads the whole scene: a client re-joins once per (re)connect. */
  join: { perSecond: 1, burst: 5 },
  /** Strokes, in batches. */
  scene: { perSecond: ROOM_LIMITS.maxUpdatesPerSecond, burst: ROOM_LIMITS.maxUpdatesPerSecond },
  /** The interviewer's notes, saved as they type. */
  notes: { perSecond: 5, burst: 10 },
  /** Phase, swap and end: a person clicking. */
  command: { perSecond: 2, burst: 5 },
  /** Cursors and views: relayed, never stored; dropped over the limit. */
  pointer: { perSecond: 30, burst: 30 },
  viewport: { perSecond: 15, burst: 15 },
  /**
   * Call signaling (offers, answers, ICE candidates, mute state): relayed, never stored. A
   * connection's start sends a burst of candidates (a dozen or two per peer, more with TURN).
   */
  signal: { perSecond: 20, burst: 60 },
  /** Joining or leaving the call: once per (re)connect, plus credential renewals. */
  call: { perSecond: 1, burst: 5 },
  /** Chat messages: a person typing. */
  chat: { perSecond: 2, burst: 8 },
  /** Reading the chat's history: once per (re)join. */
  chatHistory: { perSecond: 1, burst: 5 },
  /** Anything else a socket sends (no handler, or one added later). */
  other: { perSecond: 5, burst: 10 },
} as const;
export type SocketEventClass = keyof typeof SOCKET_RATE_LIMITS;

/**
 * The same kind of limit across all sockets of one user, for every event that reaches the database
 * (cursors and views are only relayed): each
 * socket alone stays within SOCKET_RATE_LIMITS, but a user's SOCKET_CAPS.perUser sockets sending
 * scene batches or joins together stalled the embedded database (and /api/health) for seconds. One person
 * draws in one tab at a time, so one socket's budget is the whole account's.
 */
export const USER_RATE_LIMITS: Partial<Record<SocketEventClass, { perSecond: number; burst: number }>> = {
  scene: SOCKET_RATE_LIMITS.scene,
  // A join reads the whole scene: all of a user's sockets may join at once, then two a second.
  join: { perSecond: 2, burst: 10 },
  // Notes and commands each write to the database: one person types and clicks in one tab.
  notes: SOCKET_RATE_LIMITS.notes,
  command: SOCKET_RATE_LIMITS.command,
  // Chat is stored, and one person types in one tab.
  chat: SOCKET_RATE_LIMITS.chat,
  other: SOCKET_RATE_LIMITS.other,
};

/** A socket refused this many events within `floodWindowMs` is flooding on purpose: it is disconnected. */
export const SOCKET_FLOOD = { maxRefusals: 1_500, windowMs: 10_000 } as const;

/** Sockets one user may hold open (across all instances), and sockets joined to one session's room. */
export const SOCKET_CAPS = { perUser: 10, perSession: 20 } as const;

/**
 * New sockets one user may open: a burst, then `perSecond`. Every new socket starts with full event
 * budgets, so without this a client closing and reopening sockets in a loop would multiply them
 * (e.g. five joins per fresh socket). A reload or a few tabs stay far inside it.
 */
export const SOCKET_CONNECT_RATE = { perSecond: 0.5, burst: 30 } as const;

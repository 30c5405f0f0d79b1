import { SESSION_STATUSES, type SessionStatus } from '@mockboard/contracts';

/**
 * A session's lifecycle, written once: which states exist (the `SessionStatus` enum in the
 * contracts), which moves between them are allowed, and what each state lets people do. The
 * server's services and SQL, the sweepers and the web app all ask this module rather than listing
 * statuses themselves.
 *
 *   scheduled ──► live ──► scoring ──► completed
 *       │          │  └──────────────────▲ (the sweeper closes a room whose time ran out)
 *       │          └──► no_show
 *       ├──► cancelled, no_show, scoring, completed
 */
const MOVES: Record<SessionStatus, readonly SessionStatus[]> = {
  // Joining starts it; ending the interview early moves it to scoring; the sweeper settles a
  // no-show or closes a session whose end has passed; only a session that has not started is
  // cancelled.
  scheduled: ['live', 'scoring', 'completed', 'cancelled', 'no_show'],
  live: ['scoring', 'completed', 'no_show'],
  // Scoring closes once both scorecards are in (or the reveal deadline passes).
  scoring: ['completed'],
  completed: [],
  cancelled: [],
  no_show: [],
};

/** What people do with a session, each allowed in some states only. */
export const SESSION_ACTIVITIES = [
  /** The room is open: the board, the clock, the chat, the call, prompts, ending the interview. */
  'use_room',
  /** The interviewer's private notes: still open while scoring, final once settled. */
  'write_notes',
  /** Cancelling, rescheduling, and answering a reschedule: only before the session has begun. */
  'change_booking',
  /** Scorecards are written (the interview has begun or ended). */
  'score',
  /** The interview took place and was ended: it counts in progress, streaks and calibration. */
  'count_as_completed',
  /** Feedback can be written: never for a session that did not take place. */
  'take_feedback',
  /** A participant can report the other: anything but a cancelled session. */
  'report',
  /** Reminders (starting soon, reminder mails) are sent: only before the session has begun. */
  'remind',
  /** The pairing stands (not called off): its prompts count as asked, its partners as recent ones. */
  'count_as_paired',
] as const;
export type SessionActivity = (typeof SESSION_ACTIVITIES)[number];

const ALLOWED: Record<SessionActivity, readonly SessionStatus[]> = {
  use_room: ['scheduled', 'live'],
  write_notes: ['scheduled', 'live', 'scoring'],
  change_booking: ['scheduled'],
  score: ['live', 'scoring', 'completed'],
  count_as_completed: ['scoring', 'completed'],
  take_feedback: ['scheduled', 'live', 'scoring', 'completed'],
  report: ['scheduled', 'live', 'scoring', 'completed', 'no_show'],
  remind: ['scheduled'],
  count_as_paired: ['scheduled', 'live', 'scoring', 'completed', 'no_show'],
};

/** Narrows a string read from storage or the wire to a status, for code that must know. */
export function isSessionStatus(value: string): value is SessionStatus {
  return (SESSION_STATUSES as readonly string[]).includes(value);
}

/** Whether a session in `status` allows `activity` (an unknown status allows nothing). */
export function sessionAllows(status: SessionStatus | string, activity: SessionActivity): boolean {
  return (ALLOWED[activity] as readonly string[]).includes(status);
}

/** The statuses in which `activity` is allowed, for queries and filters. */
export function statusesAllowing(activity: SessionActivity): readonly SessionStatus[] {
  return ALLOWED[activity];
}

/** Whether a session may move from one status to another. */
export function canMoveSession(from: SessionStatus, to: SessionStatus): boolean {
  return MOVES[from].includes(to);
}

/** The statuses a session may move to from `from`; empty once it is settled. */
export function nextSessionStatuses(from: SessionStatus): readonly SessionStatus[] {
  return MOVES[from];
}

/** The statuses from which a session may move to `to`, for conditional updates. */
export function statusesMovingTo(to: SessionStatus): readonly SessionStatus[] {
  return SESSION_STATUSES.filter((from) => MOVES[from].includes(to));
}

/** A settled session moves no further: completed, cancelled or a no-show. */
export function isSettled(status: SessionStatus): boolean {
  return MOVES[status].length === 0;
}

/**
 * The same rules for SQL: `s.status IN ('scheduled', 'live')` for alias `s` and `use_room`. The
 * statuses are constants of this module, never user input, so inlining them is safe.
 */
export function sessionAllowsSql(alias: string, activity: SessionActivity): string {
  return statusInSql(alias, ALLOWED[activity]);
}

/** `alias.status IN (...)` for the given statuses. */
export function statusInSql(alias: string, statuses: readonly SessionStatus[]): string {
  return `${alias}.status IN (${statuses.map((status) => `'${status}'`).join(', ')})`;
}

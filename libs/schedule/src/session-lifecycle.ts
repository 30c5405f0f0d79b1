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
  // Scoring closes once every round's feedback is submitted (the interviewer's scorecard, a solo
  // session's self-assessment); nothing else closes it, the reveal deadline included.
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
  /**
   * The booking stands (it was not called off): its prompts count as asked, its partners as recent
   * ones, and it keeps its replay, its calendar entry and contact sharing.
   */
  'stand_as_booked',
  /**
   * The clock closes it: once its end has passed with everyone there, the sweeper completes a
   * session still open (one that was never joined, or whose interview was never ended).
   */
  'close_by_clock',
  /**
   * Both participants open the reference design of their rounds' prompts beside their own boards:
   * once the interview has ended (before, it is the interviewer's guide only).
   */
  'compare_with_reference',
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
  stand_as_booked: ['scheduled', 'live', 'scoring', 'completed', 'no_show'],
  close_by_clock: ['scheduled', 'live'],
  compare_with_reference: ['scoring', 'completed'],
};

/** Whether a session in `status` allows `activity` (an unknown status allows nothing). */
export function sessionAllows(status: SessionStatus | string, activity: SessionActivity): boolean {
  return (ALLOWED[activity] as readonly string[]).includes(status);
}

/** Whether a session may move from one status to another. */
export function canMoveSession(from: SessionStatus, to: SessionStatus): boolean {
  return MOVES[from].includes(to);
}

/**
 * A move that code makes by name, e.g. `sessionMove('scoring', 'completed')`: checked against the
 * moves above when the module naming it loads, so a move the lifecycle does not allow fails at start.
 */
export function sessionMove<From extends SessionStatus, To extends SessionStatus>(
  from: From,
  to: To,
): { readonly from: From; readonly to: To } {
  if (!canMoveSession(from, to)) throw new Error(`A session cannot move from ${from} to ${to}`);
  return { from, to };
}

/** The statuses from which a session may move to `to`, for conditional updates. */
export function statusesMovingTo(to: SessionStatus): readonly SessionStatus[] {
  return SESSION_STATUSES.filter((from) => MOVES[from].includes(to));
}

/**
 * Whether the interview has begun: its status says so (live, or settled after it took place or
 * was missed), or, while it is only scheduled, its start time has come. A cancelled session never
 * began. `startsAt` is null while not known yet (then a scheduled session has not begun); `now` is
 * the server's time (a client passes its clock corrected by the server's offset).
 */
export function sessionHasBegun(
  session: { status: SessionStatus; startsAt: Date | string | null },
  now: Date,
): boolean {
  if (session.status === 'cancelled') return false;
  if (session.status !== 'scheduled') return true;
  return session.startsAt !== null && new Date(session.startsAt).getTime() <= now.getTime();
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

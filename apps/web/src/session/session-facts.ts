import type { Participant, Round, Session } from '@mockboard/contracts';
import {
  ROOM_OPENS_BEFORE_MINUTES,
  isLateCancellation,
  roomWindow,
  sessionAllows,
} from '@mockboard/schedule';
import type { ApiRequestError } from '../api/client';
import { formatDateTime, formatTime, zoneName } from '../time/format';
import { dateKeyIn } from '../time/zoned-time';

export function partnerOf(session: Session, userId: string): Participant | null {
  return session.participants.find((participant) => participant.id !== userId) ?? null;
}

export function me(session: Session, userId: string): Participant | null {
  return session.participants.find((participant) => participant.id === userId) ?? null;
}

export function roomOpensAt(session: Session): Date {
  return roomWindow(new Date(session.startsAt), new Date(session.endsAt)).opensAt;
}

/** The rounds that took place or may still: not one the interview ended before (a swap ended in round 1). */
export function playedRounds<R extends Pick<Round, 'skipped'>>(session: { rounds: readonly R[] }): R[] {
  return session.rounds.filter((round) => !round.skipped);
}

/** Still ahead or under way: the states in which people join, cancel and reschedule. */
export function isActive(session: Session, now: Date): boolean {
  return sessionAllows(session.status, 'use_room') && new Date(session.endsAt) > now;
}

export function isLateToCancel(session: Session, now: Date): boolean {
  return isLateCancellation(new Date(session.startsAt), now);
}

/** "with Priya", or "Solo practice". */
export function sessionTitle(session: Session, userId: string): string {
  if (session.kind === 'solo') return 'Solo practice';
  const partner = partnerOf(session, userId);
  return partner ? `Session with ${partner.displayName}` : 'Peer session';
}

/** "The room opens at 17:30 (Asia/Kolkata), 30 minutes before the start." (with the day if not today) */
export function roomOpensText(session: Session, zone: string, now: Date): string {
  return `The room opens at ${roomOpensWhen(session, zone, now)} (${zoneName(zone)}), ${ROOM_OPENS_BEFORE_MINUTES} minutes before the start.`;
}

/** "17:30" when the room opens today in `zone`, else the date and time. */
export function roomOpensWhen(session: Session, zone: string, now: Date): string {
  const opensAt = roomOpensAt(session);
  const sameDay = dateKeyIn(opensAt, zone) === dateKeyIn(now, zone);
  return sameDay ? formatTime(opensAt, zone) : formatDateTime(opensAt, zone);
}

/**
 * The server answers an early join with a UTC timestamp; say the same in the user's own zone.
 * Other refusals (closed room, cancelled session) are shown as the server words them.
 */
export function joinErrorText(error: ApiRequestError, session: Session, zone: string, now: Date): string {
  return error.status === 409 && now < roomOpensAt(session)
    ? roomOpensText(session, zone, now)
    : error.message;
}

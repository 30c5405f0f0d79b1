import type { Participant, Session } from '@mockboard/contracts';
import { sessionAllows } from '@mockboard/schedule';
import type { ApiRequestError } from '../api/client';
import { formatDateTime, formatTime, zoneName } from '../time/format';
import { dateKeyIn } from '../time/zoned-time';

const MINUTE = 60_000;
/** The server's rules (libs/schedule), repeated here only to word messages before asking it. */
export const ROOM_OPENS_BEFORE_MINUTES = 30;
export const LATE_CANCELLATION_MINUTES = 120;

export function partnerOf(session: Session, userId: string): Participant | null {
  return session.participants.find((participant) => participant.id !== userId) ?? null;
}

export function me(session: Session, userId: string): Participant | null {
  return session.participants.find((participant) => participant.id === userId) ?? null;
}

export function roomOpensAt(session: Session): Date {
  return new Date(new Date(session.startsAt).getTime() - ROOM_OPENS_BEFORE_MINUTES * MINUTE);
}

/** Still ahead or under way: the states in which people join, cancel and reschedule. */
export function isActive(session: Session, now: Date): boolean {
  return sessionAllows(session.status, 'use_room') && new Date(session.endsAt) > now;
}

export function isLateToCancel(session: Session, now: Date): boolean {
  return new Date(session.startsAt).getTime() - now.getTime() < LATE_CANCELLATION_MINUTES * MINUTE;
}

/** "with Priya", or "Solo practice". */
export function sessionTitle(session: Session, userId: string): string {
  if (session.kind === 'solo') return 'Solo practice';
  const partner = partnerOf(session, userId);
  return partner ? `Session with ${partner.displayName}` : 'Peer session';
}

/** "The room opens at 17:30 (Asia/Kolkata), 30 minutes before the start." (with the day if not today) */
export function roomOpensText(session: Session, zone: string, now: Date): string {
  const opensAt = roomOpensAt(session);
  const sameDay = dateKeyIn(opensAt, zone) === dateKeyIn(now, zone);
  const when = sameDay ? formatTime(opensAt, zone) : formatDateTime(opensAt, zone);
  return `The room opens at ${when} (${zoneName(zone)}), ${ROOM_OPENS_BEFORE_MINUTES} minutes before the start.`;
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

import { MAX_LEAD_DAYS, MIN_LEAD_MINUTES } from '@mockboard/contracts';

const MINUTE = 60_000;

/** The room opens this long before the start and stays open this long after the end. */
export const ROOM_OPENS_BEFORE_MINUTES = 30;
export const ROOM_CLOSES_AFTER_MINUTES = 120;
/** A cancellation closer to the start than this counts against the canceller's reliability. */
export const LATE_CANCELLATION_MINUTES = 120;
/** A participant not in the room this long after the start is a no-show. */
export const NO_SHOW_AFTER_MINUTES = 10;
/** The participant who is waiting may ask to be rescued this long after the start. */
export const RESCUE_AFTER_MINUTES = 5;
/** "Starting soon" reminders go out this long before the start. */
export const STARTING_SOON_MINUTES = 10;

export function addMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * MINUTE);
}

/** Why `startsAt` cannot start a slot or a scheduled match, or null when it can. */
export function slotStartProblem(startsAt: Date, now: Date): string | null {
  if (
    startsAt.getUTCSeconds() !== 0 ||
    startsAt.getUTCMilliseconds() !== 0 ||
    startsAt.getUTCMinutes() % 15 !== 0
  ) {
    return 'must be on a quarter hour (:00, :15, :30 or :45)';
  }
  if (startsAt.getTime() < now.getTime() + MIN_LEAD_MINUTES * MINUTE) {
    return `must be at least ${MIN_LEAD_MINUTES} minutes from now`;
  }
  if (startsAt.getTime() > now.getTime() + MAX_LEAD_DAYS * 24 * 60 * MINUTE) {
    return `must be at most ${MAX_LEAD_DAYS} days from now`;
  }
  return null;
}

export function isLateCancellation(startsAt: Date, now: Date): boolean {
  return startsAt.getTime() - now.getTime() < LATE_CANCELLATION_MINUTES * MINUTE;
}

export interface RoomWindow {
  opensAt: Date;
  closesAt: Date;
}

export function roomWindow(startsAt: Date, endsAt: Date): RoomWindow {
  return {
    opensAt: addMinutes(startsAt, -ROOM_OPENS_BEFORE_MINUTES),
    closesAt: addMinutes(endsAt, ROOM_CLOSES_AFTER_MINUTES),
  };
}

export function isRoomOpen(window: RoomWindow, now: Date): boolean {
  return now >= window.opensAt && now <= window.closesAt;
}

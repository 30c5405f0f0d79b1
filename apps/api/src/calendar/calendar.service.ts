import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CalendarRepository, type CalendarSource } from './calendar.repository';

export type { CalendarSource } from './calendar.repository';

type Period = { start: Date; end: Date };

/**
 * Users' busy periods as the other modules change them, always inside the caller's transaction so
 * the period commits with what it belongs to. An overlap is refused by the repository (409).
 */
@Injectable()
export class CalendarService {
  constructor(private readonly entries: CalendarRepository) {}

  /** Holds `period` for the user; `overlapMessage` says what to do when it is already taken. */
  reserve(
    manager: EntityManager,
    userId: string,
    period: Period,
    source: CalendarSource,
    overlapMessage?: string,
  ): Promise<void> {
    return this.entries.reserve(manager, userId, period, source, overlapMessage);
  }

  /** A booked slot's or paired request's periods become the session's. */
  convertToSession(manager: EntityManager, from: CalendarSource, sessionId: string): Promise<void> {
    return this.entries.convertToSession(manager, from, sessionId);
  }

  /**
   * A booked slot's period becomes the session's, and the booker's too; `overlapMessage` says what
   * to do when the booker's period is taken.
   */
  bookSlotPeriod(
    manager: EntityManager,
    slotId: string,
    sessionId: string,
    booker: { userId: string; period: Period },
    overlapMessage?: string,
  ): Promise<void> {
    return this.entries.bookSlotPeriod(manager, slotId, sessionId, booker, overlapMessage);
  }

  moveSession(
    manager: EntityManager,
    sessionId: string,
    period: Period,
    overlapMessage?: string,
  ): Promise<void> {
    return this.entries.moveSession(manager, sessionId, period, overlapMessage);
  }

  /** The session ended early: the rest of its booked time is free again. */
  endSessionNow(manager: EntityManager, sessionId: string): Promise<void> {
    return this.entries.endSessionNow(manager, sessionId);
  }

  release(manager: EntityManager, source: CalendarSource): Promise<void> {
    return this.entries.release(manager, source);
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RescheduleProposalsRepository } from './reschedule-proposals.repository';
import type { NewSession, SessionRecord } from './session-record';
import { SessionsRepository } from './sessions.repository';

/**
 * Stored sessions as other modules read and make them: no viewer check here (SessionViewsService
 * does that for requests); callers check who may see a record themselves.
 */
@Injectable()
export class SessionRecordsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly proposals: RescheduleProposalsRepository,
  ) {}

  find(sessionId: string): Promise<SessionRecord | null> {
    return this.sessions.find(sessionId);
  }

  /** Every session the user takes part in, soonest first. */
  forUser(userId: string): Promise<SessionRecord[]> {
    return this.sessions.forUser(userId);
  }

  /** The record, its row locked until the caller's transaction ends. */
  lock(manager: EntityManager, sessionId: string): Promise<SessionRecord | null> {
    return this.sessions.lock(manager, sessionId);
  }

  /** A session made by booking a slot or pairing requests, inside the caller's transaction. */
  create(manager: EntityManager, session: NewSession): Promise<string> {
    return this.sessions.create(manager, session);
  }

  /** For each session, how many times it was moved: its calendar event's SEQUENCE. */
  timesMoved(sessionIds: readonly string[], manager?: EntityManager): Promise<Map<string, number>> {
    return this.proposals.timesMoved(sessionIds, manager);
  }
}

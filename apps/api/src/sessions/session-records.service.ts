import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NewSession, SessionRecord } from './session-record';
import { SessionsRepository } from './sessions.repository';

/**
 * Stored sessions as other modules read and make them: no viewer check here (SessionViewsService
 * does that for requests); callers check who may see a record themselves.
 */
@Injectable()
export class SessionRecordsService {
  constructor(private readonly sessions: SessionsRepository) {}

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
}

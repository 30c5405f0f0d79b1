import { Injectable } from '@nestjs/common';
import type { Partner, Session } from '@mockboard/contracts';
import type { AuthUser } from '../auth/auth-user';
import { isUuid } from '../common/uuid';
import { PromptsService } from '../prompts/prompts.service';
import { ReliabilityRepository } from './reliability.repository';
import { toSessionView } from './session-view';
import { isParticipant, type SessionRecord } from './session-record';
import { SessionsRepository } from './sessions.repository';
import { notFound } from '../common/domain-error';

const NOT_FOUND = 'No session with this id';

/** Reads sessions for a viewer: participants and admins see them; anyone else learns nothing. */
@Injectable()
export class SessionViewsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly reliability: ReliabilityRepository,
    private readonly prompts: PromptsService,
  ) {}

  /** The record, if `viewer` may see it; otherwise the same 404 as for a session that does not exist. */
  async visibleRecord(viewer: AuthUser, sessionId: string): Promise<SessionRecord> {
    const record = isUuid(sessionId) ? await this.sessions.find(sessionId) : null;
    if (!record || !(viewer.role === 'admin' || isParticipant(record, viewer.id))) {
      throw notFound(NOT_FOUND);
    }
    return record;
  }

  async view(viewer: AuthUser, sessionId: string): Promise<Session> {
    return (await this.views([await this.visibleRecord(viewer, sessionId)]))[0]!;
  }

  /** Each record's participants carry their partner view, read with them: no second query. */
  async views(records: SessionRecord[]): Promise<Session[]> {
    const partners = new Map(
      records.flatMap((record) => record.participants.map((p) => [p.userId, p.partner] as const)),
    );
    return records.map((record) =>
      toSessionView(record, partners, (id) => this.prompts.get(id)?.title ?? null),
    );
  }

  /** The partner view (name, level, reliability) of each user, keyed by id: a slot's host, say. */
  partners(userIds: readonly string[]): Promise<Map<string, Partner>> {
    return this.reliability.partners(userIds);
  }
}

export const SESSION_NOT_FOUND = NOT_FOUND;

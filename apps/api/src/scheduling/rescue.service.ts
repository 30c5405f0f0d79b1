import { Injectable } from '@nestjs/common';
import type { RescueResponse } from '@mockboard/contracts';
import { RESCUE_AFTER_MINUTES, addMinutes, sessionAllows } from '@mockboard/schedule';
import type { AuthUser } from '../auth/auth-user';
import { OutboxService } from '../outbox/outbox.service';
import { CalendarService } from '../calendar/calendar.service';
import { MatchingService, toMatchRequestView } from './matching.service';
import { SessionSweepsRepository } from './session-sweeps.repository';
import { SESSION_NOT_FOUND, SessionViewsService } from '../sessions/session-views.service';
import { SessionRecordsService } from '../sessions/session-records.service';
import type { SessionRecord } from '../sessions/session-record';
import { isUuid } from '../common/uuid';
import { conflict, forbidden, notFound } from '../common/domain-error';
import { isParticipant } from '../sessions/session-record';

/**
 * A participant left waiting in the room by an absent partner gets a new partner at once: the
 * longest-waiting practice-now request, or a place in that queue when nobody is waiting.
 */
@Injectable()
export class RescueService {
  constructor(
    private readonly sessions: SessionRecordsService,
    private readonly calendar: CalendarService,
    private readonly matching: MatchingService,
    private readonly views: SessionViewsService,
    private readonly outbox: OutboxService,
    private readonly sweeps: SessionSweepsRepository,
  ) {}

  async rescue(user: AuthUser, sessionId: string, now = new Date()): Promise<RescueResponse> {
    if (!isUuid(sessionId)) throw notFound(SESSION_NOT_FOUND);
    const outcome = await this.outbox.transaction(async (manager) => {
      const record = await this.sessions.lock(manager, sessionId);
      if (!record || !(user.role === 'admin' || isParticipant(record, user.id))) {
        throw notFound(SESSION_NOT_FOUND);
      }
      requireRescuable(record, user.id, now);
      await this.sweeps.endAsNoShow(manager, sessionId);
      await this.calendar.release(manager, { sessionId });
      const { session } = record;
      const queued = await this.matching.queueAndPair(
        manager,
        user,
        now,
        {
          startsAt: 'now',
          durationMinutes: Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000),
          format: session.format,
          level: null,
          promptPreferences: {},
        },
        { order: 'oldest', rescuedFrom: sessionId },
      );
      if (queued.pairing) await this.matching.announce(manager, queued.pairing);
      return queued;
    });
    if (!outcome.pairing) return { session: null, matchRequest: toMatchRequestView(outcome.request) };
    return { session: await this.views.view(user, outcome.pairing.sessionId), matchRequest: null };
  }
}

/** Only someone who is in the room, whose partner is not, a few minutes after the start. */
function requireRescuable(record: SessionRecord, userId: string, now: Date): void {
  const { session, participants } = record;
  const me = participants.find((participant) => participant.userId === userId);
  if (!me) throw forbidden('Only a participant can ask for a new partner');
  if (session.kind !== 'peer') throw conflict('A solo session has no partner to replace');
  if (!sessionAllows(session.status, 'use_room')) {
    throw conflict(`The session is ${session.status}`);
  }
  if (!me.joinedAt) throw conflict('Join the room first; then you can ask for a new partner');
  if (participants.every((participant) => participant.joinedAt)) {
    throw conflict('Your partner is already in the room');
  }
  const allowedFrom = addMinutes(session.startsAt, RESCUE_AFTER_MINUTES);
  if (now < allowedFrom) {
    throw conflict(
      `Give your partner until ${allowedFrom.toISOString()}, ${RESCUE_AFTER_MINUTES} minutes after the start`,
    );
  }
}

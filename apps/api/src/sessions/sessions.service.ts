import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DEFAULT_DURATION_MINUTES,
  type RoundPromptChoices,
  type RoundPromptView,
  type Session,
  type SessionListResponse,
  type SoloSessionRequest,
} from '@mockboard/contracts';
import {
  addMinutes,
  formatInZone,
  isLateCancellation,
  isRoomOpen,
  planRounds,
  roomWindow,
  sessionAllows,
  slotStartProblem,
} from '@mockboard/schedule';
import type { AuthUser } from '../auth/auth-user';
import { RequestValidationError } from '../common/zod-validation.pipe';
import { MailService } from '../mail/mail.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OutboxService } from '../outbox/outbox.service';
import { cancelledMails, rescheduledMails } from '../mail/requests/session-mail-requests';
import { CalendarService } from '../calendar/calendar.service';
import { RoundPromptChanges, type RoundPromptChange } from './round-prompt-changes';
import { RoundPromptsService } from './round-prompts.service';
import { SESSION_NOT_FOUND, SessionViewsService } from './session-views.service';
import { RescheduleProposalsRepository } from './reschedule-proposals.repository';
import type { SessionRecord } from './session-record';
import { SessionsRepository } from './sessions.repository';
import { isUuid } from '../common/uuid';
import { conflict, forbidden, notFound } from '../common/domain-error';
import { isParticipant } from './session-record';

/** A session's life after it was made: solo practice, cancel, reschedule, join, prompts, contacts. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsRepository,
    private readonly proposals: RescheduleProposalsRepository,
    private readonly calendar: CalendarService,
    private readonly roundPrompts: RoundPromptsService,
    private readonly promptChanges: RoundPromptChanges,
    private readonly views: SessionViewsService,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
    private readonly mail: MailService,
  ) {}

  async list(user: AuthUser): Promise<SessionListResponse> {
    const now = new Date();
    const all = await this.views.views(await this.sessions.forUser(user.id));
    const active = (session: Session) =>
      sessionAllows(session.status, 'use_room') && new Date(session.endsAt) > now;
    return {
      upcoming: all.filter(active),
      past: all.filter((session) => !active(session)).reverse(),
    };
  }

  /** Solo practice: one person, a prompt, the whiteboard and the timer, starting now. */
  async createSolo(user: AuthUser, request: SoloSessionRequest): Promise<Session> {
    this.roundPrompts.requireKnownPrompt(request.promptId);
    const startsAt = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const endsAt = addMinutes(startsAt, DEFAULT_DURATION_MINUTES.single);
    const sessionId = await this.dataSource.transaction(async (manager) => {
      const id = await this.sessions.create(manager, {
        kind: 'solo',
        format: 'single',
        startsAt,
        endsAt,
        participantIds: [user.id],
        rounds: planRounds('single', user.id, null).map((round) => ({
          ...round,
          promptId: request.promptId,
        })),
      });
      await this.calendar.reserve(manager, user.id, { start: startsAt, end: endsAt }, { sessionId: id });
      return id;
    });
    return this.views.view(user, sessionId);
  }

  /** Cancels a scheduled session, frees both calendars and tells the partner. */
  async cancel(user: AuthUser, sessionId: string, reason: string): Promise<Session> {
    const now = new Date();
    await this.inTransaction(user, sessionId, async (manager, locked) => {
      if (!sessionAllows(locked.session.status, 'change_booking')) {
        throw conflict(`The session is ${locked.session.status} and can no longer be cancelled`);
      }
      // Lateness is about letting a partner down; ending one's own solo practice lets nobody down.
      const late = locked.participants.length > 1 && isLateCancellation(locked.session.startsAt, now);
      await this.sessions.markCancelled(manager, sessionId, { by: user.id, reason, at: now, late });
      await this.proposals.withdrawPending(manager, sessionId);
      await this.calendar.release(manager, { sessionId });
      await this.notifications.notify(manager, partnersOf(locked, user.id), {
        type: 'cancelled',
        title: 'Session cancelled',
        body: (zone, locale) =>
          `${user.displayName} cancelled your session on ${formatInZone(locked.session.startsAt, zone, locale)}: ${reason}`,
        sessionId,
      });
      // The cancellation mail removes the event from every participant's calendar, the canceller's
      // too; an admin who takes no part cancels as the moderators do. Solo practice has no invitation.
      if (locked.session.kind === 'peer') {
        const canceller = isParticipant(locked, user.id) ? user.id : null;
        const everyone = locked.participants.map((participant) => participant.userId);
        await this.mail.enqueue(manager, ...cancelledMails(sessionId, everyone, canceller, reason));
      }
      return locked;
    });
    return this.views.view(user, sessionId);
  }

  async proposeReschedule(user: AuthUser, sessionId: string, startsAtText: string): Promise<Session> {
    const startsAt = new Date(startsAtText);
    const problem = slotStartProblem(startsAt, new Date());
    if (problem) throw new RequestValidationError('body', [{ field: 'startsAt', message: problem }]);
    await this.inTransaction(user, sessionId, async (manager, locked) => {
      if (!sessionAllows(locked.session.status, 'change_booking')) {
        throw conflict(`The session is ${locked.session.status} and can no longer be moved`);
      }
      if (locked.participants.length < 2)
        throw conflict('A solo session has nobody to agree a new time with');
      if (locked.pendingProposal) {
        throw conflict('A new time is already proposed; wait for the answer or cancel the session');
      }
      await this.proposals.propose(manager, sessionId, user.id, startsAt);
      await this.notifications.notify(manager, partnersOf(locked, user.id), {
        type: 'reschedule_proposed',
        title: 'New time proposed',
        body: (zone, locale) =>
          `${user.displayName} proposes to move your session to ${formatInZone(startsAt, zone, locale)}.`,
        sessionId,
      });
      return locked;
    });
    return this.views.view(user, sessionId);
  }

  /** The partner (not the proposer) accepts or declines; accepting moves both calendars. */
  async respondToReschedule(user: AuthUser, sessionId: string, accept: boolean): Promise<Session> {
    await this.inTransaction(user, sessionId, async (manager, locked) => {
      const proposal = locked.pendingProposal;
      if (!proposal) throw conflict('There is no proposed new time to answer');
      if (proposal.proposedBy === user.id) throw forbidden('Your partner answers your proposal, not you');
      // A proposal may sit unanswered while the session starts or the proposed time passes; accepting
      // it then would move a running session, or move one into the past.
      if (accept && !sessionAllows(locked.session.status, 'change_booking')) {
        throw conflict(`The session is ${locked.session.status} and can no longer be moved`);
      }
      if (accept && proposal.startsAt <= new Date()) {
        throw conflict('The proposed time has passed; decline it and propose another');
      }
      await this.proposals.answer(manager, proposal.id, accept ? 'accepted' : 'declined');
      if (accept) {
        const duration = locked.session.endsAt.getTime() - locked.session.startsAt.getTime();
        const endsAt = new Date(proposal.startsAt.getTime() + duration);
        await this.sessions.moveTo(manager, sessionId, proposal.startsAt, endsAt);
        await this.calendar.moveSession(
          manager,
          sessionId,
          { start: proposal.startsAt, end: endsAt },
          'One of you already has a session, open slot or match request at the proposed time',
        );
        // The moves so far, this one included: the updated invitation's SEQUENCE. The session's row
        // lock keeps anyone else from accepting a move in between.
        const sequence = locked.timesMoved + 1;
        const everyone = locked.participants.map((participant) => participant.userId);
        await this.mail.enqueue(manager, ...rescheduledMails(sessionId, everyone, sequence));
      }
      await this.notifications.notify(manager, partnersOf(locked, user.id), {
        type: 'rescheduled',
        title: accept ? 'Session moved' : 'New time declined',
        body: (zone, locale) =>
          accept
            ? `${user.displayName} accepted: your session now starts on ${formatInZone(proposal.startsAt, zone, locale)}.`
            : `${user.displayName} declined the new time; the session stays as it was.`,
        sessionId,
      });
      return locked;
    });
    return this.views.view(user, sessionId);
  }

  /** Records that the user entered the room (the live room calls this too). */
  async join(user: AuthUser, sessionId: string, now = new Date()): Promise<Session> {
    await this.inTransaction(user, sessionId, async (manager, locked) => {
      if (!isParticipant(locked, user.id)) throw forbidden('Only participants join the room');
      if (!sessionAllows(locked.session.status, 'use_room')) {
        throw conflict(`The session is ${locked.session.status}`);
      }
      const window = roomWindow(locked.session.startsAt, locked.session.endsAt);
      if (!isRoomOpen(window, now)) {
        const message =
          now < window.opensAt
            ? `The room opens at ${window.opensAt.toISOString()}, 30 minutes before the start`
            : 'The room has closed';
        throw conflict(message);
      }
      await this.sessions.markJoined(manager, sessionId, user.id, now);
      if (now >= locked.session.startsAt) await this.sessions.markLive(manager, sessionId);
      return locked;
    });
    return this.views.view(user, sessionId);
  }

  async chooseRoundPrompt(
    user: AuthUser,
    sessionId: string,
    round: number,
    promptId: string,
  ): Promise<Session> {
    let change: RoundPromptChange | null = null;
    await this.inTransaction(user, sessionId, async (manager, locked) => {
      const chosen = await this.roundPrompts.choose(manager, locked, round, user.id, promptId);
      await this.sessions.setRoundPrompt(manager, sessionId, round, chosen);
      const before = locked.rounds.find((each) => each.number === round)?.promptId ?? null;
      if (chosen !== before)
        change = { sessionId, round, promptId: chosen, first: before === null, chooser: user };
      return locked;
    });
    // Committed: a room open on this round shows the new prompt (the same one chosen again: no news).
    if (change) this.promptChanges.announce(change);
    return this.views.view(user, sessionId);
  }

  /** The round's prompt as the caller's role may see it (the room fetches it when it changes). */
  async roundPromptView(user: AuthUser, sessionId: string, round: number): Promise<RoundPromptView> {
    return this.roundPrompts.viewFor(await this.views.visibleRecord(user, sessionId), round, user);
  }

  /** What the round's interviewer may choose its prompt from, while its prompt may still change. */
  async roundPromptChoices(user: AuthUser, sessionId: string, round: number): Promise<RoundPromptChoices> {
    return this.roundPrompts.choicesFor(await this.views.visibleRecord(user, sessionId), round, user.id);
  }

  /** Emails are shared only once both participants opted in, after the session. */
  async shareContact(user: AuthUser, sessionId: string, share: boolean): Promise<Session> {
    await this.inTransaction(user, sessionId, async (manager, locked) => {
      if (!isParticipant(locked, user.id)) throw forbidden('Only participants share contact details');
      if (locked.session.endsAt > new Date() && sessionAllows(locked.session.status, 'use_room')) {
        throw conflict('Contact details can be shared once the session is over');
      }
      await this.sessions.setSharesContact(manager, sessionId, user.id, share);
      return locked;
    });
    return this.views.view(user, sessionId);
  }

  /**
   * Runs `work` in a transaction with the session row locked, after checking that `user` may see
   * it (participants and admins; anyone else gets the same 404 as for a missing session). What it
   * enqueues (notifications) is delivered once it has committed.
   */
  private async inTransaction(
    user: AuthUser,
    sessionId: string,
    work: (manager: EntityManager, record: SessionRecord) => Promise<SessionRecord>,
  ): Promise<SessionRecord> {
    if (!isUuid(sessionId)) throw notFound(SESSION_NOT_FOUND);
    return this.outbox.transaction(async (manager) => {
      const record = await this.sessions.lock(manager, sessionId);
      if (!record || !(user.role === 'admin' || isParticipant(record, user.id))) {
        throw notFound(SESSION_NOT_FOUND);
      }
      return work(manager, record);
    });
  }
}

export function partnersOf(record: SessionRecord, userId: string): string[] {
  return record.participants.map((participant) => participant.userId).filter((id) => id !== userId);
}

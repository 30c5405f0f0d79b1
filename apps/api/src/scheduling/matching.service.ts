import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DEFAULT_DURATION_MINUTES,
  PRACTICE_NOW_WAIT_MINUTES,
  type MatchRequest,
  type MatchRequestCreate,
  type MatchRequestListResponse,
  type SessionFormat,
  type TargetLevel,
} from '@mockboard/contracts';
import { addMinutes, formatInZone, planRounds, slotStartProblem } from '@mockboard/schedule';
import type { AuthUser } from '../auth/auth-user';
import { RequestValidationError } from '../common/zod-validation.pipe';
import { MailService } from '../mail/mail.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OutboxService } from '../outbox/outbox.service';
import { PromptsService } from '../prompts/prompts.service';
import { bookedMails } from '../mail/requests/session-mail-requests';
import { CalendarService } from '../calendar/calendar.service';
import {
  MatchingRepository,
  type StoredMatchRequest,
  type PartnerOrder,
  type PromptPreferences,
} from './matching.repository';
import { RoundPromptsService } from '../sessions/round-prompts.service';
import { SessionRecordsService } from '../sessions/session-records.service';
import { isUuid } from '../common/uuid';
import { conflict, notFound } from '../common/domain-error';

/** What to queue: a scheduled start, or practice now. */
export interface MatchSpec {
  startsAt: Date | 'now';
  durationMinutes: number;
  format: SessionFormat;
  level: TargetLevel | null;
  promptPreferences: PromptPreferences;
}

/** A session made by pairing two requests; announced in the same transaction (see announce). */
export interface Pairing {
  sessionId: string;
  format: SessionFormat;
  startsAt: Date;
  practiceNow: boolean;
  userIds: [string, string];
}

export interface QueueOutcome {
  request: StoredMatchRequest;
  pairing: Pairing | null;
}

const NOT_FOUND = 'You have no match request with this id';
const OVERLAP = 'You already have a session, open slot or match request at that time';

/** Queues match requests and pairs compatible ones into sessions. */
@Injectable()
export class MatchingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly matching: MatchingRepository,
    private readonly calendar: CalendarService,
    private readonly sessions: SessionRecordsService,
    private readonly roundPrompts: RoundPromptsService,
    private readonly prompts: PromptsService,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
    private readonly mail: MailService,
  ) {}

  async request(user: AuthUser, body: MatchRequestCreate): Promise<MatchRequest> {
    const now = new Date();
    const startsAt = body.startsAt === 'now' ? 'now' : new Date(body.startsAt);
    const problem = startsAt !== 'now' && slotStartProblem(startsAt, now);
    if (problem) throw new RequestValidationError('body', [{ field: 'startsAt', message: problem }]);
    const promptIds = body.promptPreferences?.promptIds ?? [];
    promptIds.forEach((id, index) =>
      this.roundPrompts.requireKnownPrompt(id, `promptPreferences.promptIds.${index}`),
    );
    const format = body.format ?? 'swap';
    const outcome = await this.outbox.transaction(async (manager) => {
      const queued = await this.queueAndPair(manager, user, now, {
        startsAt,
        durationMinutes: body.durationMinutes ?? DEFAULT_DURATION_MINUTES[format],
        format,
        level: body.level ?? null,
        promptPreferences: body.promptPreferences ?? {},
      });
      if (queued.pairing) await this.announce(manager, queued.pairing);
      return queued;
    });
    return toMatchRequestView(outcome.request);
  }

  /**
   * Inside the caller's transaction: queues the request, reserving its period in the calendar (a
   * 409 when it overlaps the user's other plans), then pairs it with the best waiting partner.
   */
  async queueAndPair(
    manager: EntityManager,
    user: AuthUser,
    now: Date,
    spec: MatchSpec,
    options: { order?: PartnerOrder; rescuedFrom?: string } = {},
  ): Promise<QueueOutcome> {
    // Practice now starts at the current minute; whoever pairs later starts the session then.
    const practiceNow = spec.startsAt === 'now';
    const startsAt = spec.startsAt === 'now' ? startOfMinute(now) : spec.startsAt;
    const endsAt = addMinutes(startsAt, spec.durationMinutes);
    const expiresAt = practiceNow ? addMinutes(now, PRACTICE_NOW_WAIT_MINUTES) : null;
    const key = [spec.format, spec.durationMinutes, practiceNow ? 'now' : startsAt.toISOString()];
    await this.matching.lockKey(manager, `match:${key.join(':')}`);

    const request = await this.matching.insert(manager, {
      userId: user.id,
      practiceNow,
      startsAt,
      endsAt,
      format: spec.format,
      level: spec.level,
      promptPreferences: spec.promptPreferences,
      expiresAt,
    });
    // A practice-now request may become a session at any minute until it expires, so it holds that
    // whole span; the session, once made, keeps only its own period.
    const reservedUntil = expiresAt ? addMinutes(expiresAt, spec.durationMinutes) : endsAt;
    await this.calendar.reserve(
      manager,
      user.id,
      { start: startsAt, end: reservedUntil },
      { matchRequestId: request.id },
      OVERLAP,
    );

    const level = spec.level ?? user.targetLevel;
    const partner = await this.matching.lockBestPartner(
      manager,
      request,
      level,
      now,
      options.order ?? 'preference',
    );
    if (!partner) return { request, pairing: null };
    const pairing = await this.pair(manager, partner, request, options.rescuedFrom);
    return { request: { ...request, status: 'matched', sessionId: pairing.sessionId }, pairing };
  }

  /**
   * Tells both partners, each with the time in their own zone; inside the pairing's transaction,
   * so the notifications and the confirmation mails commit with the session (and are delivered after it).
   */
  async announce(manager: EntityManager, pairing: Pairing): Promise<void> {
    const names = await this.matching.displayNames(manager, pairing.userIds);
    for (const userId of pairing.userIds) {
      const partnerId = pairing.userIds.find((id) => id !== userId)!;
      const name = names.get(partnerId) ?? 'A partner';
      await this.notifications.notify(manager, [userId], {
        type: 'matched',
        title: pairing.practiceNow ? 'Your partner is ready now' : 'You have a partner',
        body: (zone, locale) => {
          const when = formatInZone(pairing.startsAt, zone, locale);
          return pairing.practiceNow
            ? `${name} is your partner for a ${pairing.format} session starting now, ${when}.`
            : `${name} is your partner for a ${pairing.format} session on ${when}.`;
        },
        sessionId: pairing.sessionId,
      });
    }
    await this.mail.enqueue(manager, ...bookedMails(pairing.sessionId, pairing.userIds));
  }

  async list(user: AuthUser): Promise<MatchRequestListResponse> {
    return { requests: (await this.matching.forUser(user.id)).map(toMatchRequestView) };
  }

  /** Withdraws one of the user's pending requests and frees its time. */
  async cancel(user: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const request = isUuid(id) ? await this.matching.lock(manager, id) : null;
      if (!request || request.userId !== user.id) throw notFound(NOT_FOUND);
      if (request.status !== 'pending') throw conflict(`This request is already ${request.status}`);
      await this.matching.markCancelled(manager, request.id);
      await this.calendar.release(manager, { matchRequestId: request.id });
    });
  }

  /**
   * Makes the session of two requests: the one who waited interviews first; both calendar entries
   * become the session's; both requests point at it.
   */
  private async pair(
    manager: EntityManager,
    waiting: StoredMatchRequest,
    arriving: StoredMatchRequest,
    rescuedFrom: string | undefined,
  ): Promise<Pairing> {
    // The arriving request starts now (practice now) or at the shared scheduled start.
    const { startsAt, endsAt, format } = arriving;
    const rounds = planRounds(format, waiting.userId, arriving.userId);
    const promptId = await this.sharedPrompt(manager, waiting, arriving, rounds[0]!.candidateId);
    const sessionId = await this.sessions.create(manager, {
      kind: 'peer',
      format,
      startsAt,
      endsAt,
      participantIds: [waiting.userId, arriving.userId],
      rounds: await this.roundPrompts.initial(manager, rounds, promptId),
      rescuedFrom,
    });
    for (const request of [waiting, arriving]) {
      await this.calendar.convertToSession(manager, { matchRequestId: request.id }, sessionId);
    }
    // Shrinking both practice-now spans to the session's period cannot overlap anything new.
    if (arriving.practiceNow)
      await this.calendar.moveSession(manager, sessionId, { start: startsAt, end: endsAt });
    await this.matching.markMatched(manager, [waiting.id, arriving.id], sessionId);
    return {
      sessionId,
      format,
      startsAt,
      practiceNow: arriving.practiceNow,
      userIds: [waiting.userId, arriving.userId],
    };
  }

  /**
   * Round 1's prompt when both partners named prompts they would like: the first one (those both
   * named first, then the waiting partner's, then the other's) that round 1's candidate has not
   * been asked yet. Otherwise round 1's interviewer chooses later.
   */
  private async sharedPrompt(
    manager: EntityManager,
    waiting: StoredMatchRequest,
    arriving: StoredMatchRequest,
    candidateId: string,
  ): Promise<string | null> {
    const first = waiting.promptPreferences.promptIds ?? [];
    const second = arriving.promptPreferences.promptIds ?? [];
    if (first.length === 0 || second.length === 0) return null;
    const both = first.filter((id) => second.includes(id));
    const asked = await this.roundPrompts.askedOf(candidateId, manager);
    const ordered = [...new Set([...both, ...first, ...second])];
    return ordered.find((id) => this.prompts.get(id) && !asked.has(id)) ?? null;
  }
}

function startOfMinute(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / 60_000) * 60_000);
}

export function toMatchRequestView(request: StoredMatchRequest): MatchRequest {
  return {
    id: request.id,
    practiceNow: request.practiceNow,
    startsAt: request.startsAt.toISOString(),
    durationMinutes: Math.round((request.endsAt.getTime() - request.startsAt.getTime()) / 60_000),
    format: request.format,
    level: request.level,
    status: request.status,
    sessionId: request.sessionId,
    expiresAt: request.expiresAt?.toISOString() ?? null,
    createdAt: request.createdAt.toISOString(),
  };
}

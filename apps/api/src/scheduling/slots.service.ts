import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DEFAULT_DURATION_MINUTES,
  type CreateSlotRequest,
  type Session,
  type Slot,
  type SlotListQuery,
} from '@mockboard/contracts';
import { addMinutes, formatInZone, planRounds, slotStartProblem } from '@mockboard/schedule';
import type { AuthUser } from '../auth/auth-user';
import { RequestValidationError } from '../common/zod-validation.pipe';
import { MailService } from '../mail/mail.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OutboxService } from '../outbox/outbox.service';
import { bookedMails } from '../mail/requests/session-mail-requests';
import { CalendarService } from '../calendar/calendar.service';
import { RoundPromptsService } from '../sessions/round-prompts.service';
import { SessionViewsService } from '../sessions/session-views.service';
import { SessionRecordsService } from '../sessions/session-records.service';
import { toSlotView } from './slot-view';
import { SlotsRepository, type BookableSlot } from './slots.repository';
import { isUuid } from '../common/uuid';
import { conflict, invalid, notFound } from '../common/domain-error';

const DEFAULT_LIST_DAYS = 14;
const MAX_LIST_DAYS = 62;
const LIST_LIMIT = 500;
const DAY = 24 * 60 * 60_000;

/** Offering, listing, withdrawing and booking slots. */
@Injectable()
export class SlotsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly slots: SlotsRepository,
    private readonly calendar: CalendarService,
    private readonly sessions: SessionRecordsService,
    private readonly roundPrompts: RoundPromptsService,
    private readonly views: SessionViewsService,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
    private readonly mail: MailService,
  ) {}

  async offer(host: AuthUser, request: CreateSlotRequest): Promise<Slot> {
    const startsAt = new Date(request.startsAt);
    const problem = slotStartProblem(startsAt, new Date());
    if (problem) throw new RequestValidationError('body', [{ field: 'startsAt', message: problem }]);
    if (request.promptId) this.roundPrompts.requireKnownPrompt(request.promptId);
    const format = request.format ?? 'swap';
    const endsAt = addMinutes(startsAt, request.durationMinutes ?? DEFAULT_DURATION_MINUTES[format]);
    const row = await this.dataSource.transaction(async (manager) => {
      const slot = await this.slots.insert(manager, {
        hostId: host.id,
        startsAt,
        endsAt,
        format,
        promptId: request.promptId ?? null,
        level: request.level ?? null,
        hostRole: request.hostRole ?? 'interviewer',
      });
      await this.calendar.reserve(manager, host.id, { start: startsAt, end: endsAt }, { slotId: slot.id });
      return slot;
    });
    return toSlotView(row, (await this.views.partners([host.id])).get(host.id)!);
  }

  /**
   * Others' open slots (or the caller's own with `mine=true`) in a window of at most 62 days: the
   * `SlotListResponse` as JSON text, built by PostgreSQL and sent as it is (slotListJsonSql).
   */
  async listJson(viewer: AuthUser, query: SlotListQuery): Promise<string> {
    const from = query.from ? new Date(query.from) : new Date();
    const to = query.to ? new Date(query.to) : new Date(from.getTime() + DEFAULT_LIST_DAYS * DAY);
    if (to <= from)
      throw new RequestValidationError('query', [{ field: 'to', message: 'must be after from' }]);
    if (to.getTime() - from.getTime() > MAX_LIST_DAYS * DAY) {
      throw new RequestValidationError('query', [
        { field: 'to', message: `must be at most ${MAX_LIST_DAYS} days after from` },
      ]);
    }
    const mine = query.mine === 'true';
    return this.slots.openListJson({
      from,
      to,
      level: query.level,
      hostId: mine ? viewer.id : undefined,
      excludeHostId: mine ? undefined : viewer.id,
      limit: LIST_LIMIT,
    });
  }

  async withdraw(host: AuthUser, slotId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const slot = isUuid(slotId) ? await this.slots.lock(manager, slotId) : null;
      if (!slot || slot.hostId !== host.id) throw notFound('You have no slot with this id');
      if (slot.status !== 'open') throw conflict(`This slot is already ${slot.status}`);
      await this.slots.markWithdrawn(manager, slot.id);
      await this.calendar.release(manager, { slotId: slot.id });
    });
  }

  /**
   * Books a slot: exactly one of any number of concurrent bookers wins, because each locks the slot
   * row and only the first finds it open; the calendar's exclusion constraint refuses a booker who
   * is busy at that time.
   */
  async book(booker: AuthUser, slotId: string): Promise<Session> {
    // The host's notification commits with the booking and is delivered after it (issue 12).
    const sessionId = await this.outbox.transaction(async (manager) => {
      const slot = await this.lockOpenSlot(manager, slotId, booker.id);
      if (slot.startsAt <= new Date()) throw conflict('This slot has already started');

      const rounds = planRounds(slot.format, slot.hostId, booker.id, slot.hostRole);
      const id = await this.sessions.create(manager, {
        kind: 'peer',
        format: slot.format,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        participantIds: [slot.hostId, booker.id],
        rounds: await this.roundPrompts.initial(manager, rounds, slot.promptId),
      });
      await this.calendar.bookSlotPeriod(
        manager,
        slot.id,
        id,
        { userId: booker.id, period: { start: slot.startsAt, end: slot.endsAt } },
        'You already have a session, open slot or match request at that time',
      );
      await this.slots.markBooked(manager, slot.id, id);
      await this.notifications.notifyReaders(manager, [{ userId: slot.hostId, ...slot.hostReads }], {
        type: 'booked',
        title: 'Your slot was booked',
        body: (zone, locale) =>
          `${booker.displayName} booked your slot on ${formatInZone(slot.startsAt, zone, locale)}.`,
        sessionId: id,
      });
      // Both confirmations, with the calendar invitation, commit with the booking (issue 15).
      await this.mail.enqueue(manager, ...bookedMails(id, [slot.hostId, booker.id]));
      return id;
    });
    return this.views.view(booker, sessionId);
  }

  /**
   * The open slot, locked for this booker until the booking commits; otherwise the reason it
   * cannot be booked. Concurrent bookers of one slot queue for the lock; once the first has
   * booked it, the others get no row at once and read why, side by side (see LOCK_OPEN_FOR_BOOKER).
   */
  private async lockOpenSlot(
    manager: EntityManager,
    slotId: string,
    bookerId: string,
  ): Promise<BookableSlot> {
    const noSlot = () => notFound('No open slot with this id');
    if (!isUuid(slotId)) throw noSlot();
    const slot = await this.slots.lockOpenForBooker(manager, slotId, bookerId);
    const state = slot ?? (await this.slots.stateForBooker(manager, slotId, bookerId));
    if (!state || state.status === 'withdrawn') throw noSlot();
    if (state.hostId === bookerId) throw invalid('This is your own slot; share it with a partner instead');
    // Not open when the lock was asked for, and neither withdrawn nor gone: booked (no slot reopens).
    if (!slot) throw conflict('Someone else booked this slot just before you');
    return slot;
  }
}

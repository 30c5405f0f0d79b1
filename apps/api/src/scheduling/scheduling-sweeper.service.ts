import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  NO_SHOW_AFTER_MINUTES,
  STARTING_SOON_MINUTES,
  addMinutes,
  dueReminderOffset,
  formatInZone,
} from '@mockboard/schedule';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { startIntervalJob, type IntervalJob } from '../common/interval-job';
import { MailService } from '../mail/mail.service';
import { noShowMails, reminderMail } from '../mail/requests/session-mail-requests';
import { NotificationsService } from '../notifications/notifications.service';
import { OutboxService } from '../outbox/outbox.service';
import { CalendarService } from '../calendar/calendar.service';
import { MatchingRepository } from './matching.repository';
import { SessionRemindersRepository } from './session-reminders.repository';
import {
  SessionSweepsRepository,
  type SweptParticipant,
  type SweptSession,
} from './session-sweeps.repository';

const SWEEP_EVERY_MS = 15_000;

/** How many rows each step changed in one sweep. */
export interface SweepReport {
  expiredRequests: number;
  noShowSessions: number;
  startingSoonSessions: number;
  /** Reminder mails newly queued (one already queued is not asked for again). */
  reminderMails: number;
  completedSessions: number;
}

/**
 * Moves time-driven state along: expires unmatched requests, marks no-shows, sends starting-soon
 * reminders and completes finished sessions. Every step is a conditional update (the repositories'),
 * so several app instances may sweep at once and each change (and its notification) happens once; a
 * notification commits with its change, in one transaction, and is delivered after it.
 */
@Injectable()
export class SchedulingSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SchedulingSweeper.name);
  private job: IntervalJob | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly matching: MatchingRepository,
    private readonly calendar: CalendarService,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
    private readonly mail: MailService,
    private readonly reminders: SessionRemindersRepository,
    private readonly sweeps: SessionSweepsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.job = startIntervalJob(
      () => this.sweep(),
      SWEEP_EVERY_MS,
      (error) => this.logger.error(`Sweep failed: ${String(error)}`),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job?.stop();
    this.job = null;
  }

  /** Runs every step; a failing step is logged and the others still run. Never throws. */
  async sweep(now = new Date()): Promise<SweepReport> {
    return {
      expiredRequests: await this.step('expire match requests', () => this.expireRequests(now)),
      noShowSessions: await this.step('mark no-shows', () => this.markNoShows(now)),
      startingSoonSessions: await this.step('starting-soon reminders', () => this.remindStartingSoon(now)),
      reminderMails: await this.step('reminder mails', () => this.remindByMail(now)),
      completedSessions: await this.step('complete sessions', () => this.completeSessions(now)),
    };
  }

  private async step(name: string, work: () => Promise<number>): Promise<number> {
    try {
      return await work();
    } catch (error) {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      this.logger.error(`Sweep step "${name}" failed: ${text}`);
      return 0;
    }
  }

  /** Unpaired requests past their time give their calendar period back. */
  private async expireRequests(now: Date): Promise<number> {
    const ids = await this.dataSource.transaction(async (manager) => {
      const expired = await this.matching.expire(manager, now);
      for (const id of expired) await this.calendar.release(manager, { matchRequestId: id });
      return expired;
    });
    return ids.length;
  }

  /**
   * Whoever has not joined a peer session NO_SHOW_AFTER_MINUTES after its start is a no-show (it
   * counts against their reliability); the session ends as `no_show` and those who came are told.
   */
  private async markNoShows(now: Date): Promise<number> {
    const sessions = await this.outbox.transaction(async (manager) => {
      const swept = await this.sweeps.markNoShows(manager, addMinutes(now, -NO_SHOW_AFTER_MINUTES));
      for (const session of swept) await this.calendar.release(manager, { sessionId: session.id });
      const people = await this.sweeps.participants(manager, swept);
      for (const session of swept) {
        await this.tellThoseWhoCame(
          manager,
          session,
          people.filter((row) => row.sessionId === session.id),
        );
      }
      return swept;
    });
    return sessions.length;
  }

  private async tellThoseWhoCame(
    manager: EntityManager,
    session: SweptSession,
    here: SweptParticipant[],
  ): Promise<void> {
    const absent = here.filter((row) => !row.joinedAt).map((row) => row.displayName);
    const cameIds = here.filter((row) => row.joinedAt).map((row) => row.userId);
    await this.notifications.notify(manager, cameIds, {
      type: 'no_show',
      title: 'Your partner did not come',
      body: (zone, locale) =>
        `${absent.join(' and ')} did not join your session on ${formatInZone(session.startsAt, zone, locale)}. ` +
        'Choose "practise now" to find someone else.',
      sessionId: session.id,
    });
    await this.mail.enqueue(manager, ...noShowMails(session.id, cameIds));
  }

  /** One reminder per session (the flag flips once), STARTING_SOON_MINUTES before it starts. */
  private async remindStartingSoon(now: Date): Promise<number> {
    // The flag and the reminders commit together: a flag set without its reminders sends none.
    const sessions = await this.outbox.transaction(async (manager) => {
      const swept = await this.sweeps.flagStartingSoon(manager, now, addMinutes(now, STARTING_SOON_MINUTES));
      const people = await this.sweeps.participants(manager, swept);
      for (const session of swept) {
        const here = people.filter((row) => row.sessionId === session.id);
        for (const person of here) {
          const partners = here.filter((row) => row.userId !== person.userId).map((row) => row.displayName);
          await this.notifications.notify(manager, [person.userId], {
            type: 'starting_soon',
            title: 'Starting soon',
            body: (zone, locale) =>
              `Your session with ${partners.join(' and ')} starts on ${formatInZone(session.startsAt, zone, locale)}; ` +
              'the room is open.',
            sessionId: session.id,
          });
        }
      }
      return swept;
    });
    return sessions.length;
  }

  /**
   * Reminder mails (MAIL_REMINDERS, e.g. 24 h and 1 h before): to each participant of a scheduled
   * peer session, the nearest reminder whose moment has come and came after the start was agreed
   * (dueReminderOffset). Every instance sweeps every 15 s, so the common case — nothing new — must
   * cost two reads and no write: the due requests are built (reminderMail owns the dedupe key), the
   * ones already queued are dropped, and only the rest are enqueued, in one short transaction. Two
   * instances racing past the read both enqueue; the dedupe key makes the second add nothing.
   */
  private async remindByMail(now: Date): Promise<number> {
    const offsets = this.config.mail.reminderMinutes;
    if (offsets.length === 0) return 0;
    const horizon = addMinutes(now, Math.max(...offsets));
    const reader = this.dataSource.manager;
    const due = (await this.reminders.upcomingParticipants(reader, now, horizon)).flatMap((row) => {
      const offset = dueReminderOffset(row.startsAt, row.startAgreedAt, now, offsets);
      return offset === null ? [] : [reminderMail(row.sessionId, row.userId, row.startsAt, offset)];
    });
    if (due.length === 0) return 0;
    const queued = await this.reminders.alreadyQueued(
      reader,
      due.map((request) => request.dedupeKey),
    );
    const fresh = due.filter((request) => !queued.has(request.dedupeKey));
    if (fresh.length === 0) return 0;
    await this.dataSource.transaction((manager) => this.mail.enqueue(manager, ...fresh));
    return fresh.length;
  }

  /** Finished sessions everyone attended are complete (a later issue routes them through scoring). */
  private completeSessions(now: Date): Promise<number> {
    return this.sweeps.completeFinished(now);
  }
}

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

interface SweptSession {
  id: string;
  starts_at: Date;
}

interface ParticipantName {
  session_id: string;
  user_id: string;
  display_name: string;
  joined_at: Date | null;
}

/**
 * Moves time-driven state along: expires unmatched requests, marks no-shows, sends starting-soon
 * reminders and completes finished sessions. Every step is a conditional UPDATE … RETURNING, so
 * several app instances may sweep at once and each change (and its notification) happens once; a
 * notification commits with its change, in one transaction, and is delivered after it.
 * Each UPDATE is wrapped in `WITH … SELECT`: for a bare UPDATE … RETURNING the pg driver answers
 * [rows, count] but PGlite answers rows.
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
      const swept: SweptSession[] = await manager.query(
        `WITH swept AS (
           UPDATE sessions s SET status = 'no_show'
           WHERE s.kind = 'peer' AND s.status IN ('scheduled', 'live') AND s.starts_at <= $1
             AND EXISTS (SELECT 1 FROM session_participants p WHERE p.session_id = s.id AND p.joined_at IS NULL)
           RETURNING s.id, s.starts_at)
         SELECT * FROM swept`,
        [addMinutes(now, -NO_SHOW_AFTER_MINUTES)],
      );
      const ids = swept.map((session) => session.id);
      await manager.query(
        `UPDATE session_participants SET no_show = true WHERE session_id = ANY($1::uuid[]) AND joined_at IS NULL`,
        [ids],
      );
      for (const id of ids) await this.calendar.release(manager, { sessionId: id });
      const people = await this.participantNames(manager, swept);
      for (const session of swept) {
        const here = people.filter((row) => row.session_id === session.id);
        const absent = here.filter((row) => !row.joined_at).map((row) => row.display_name);
        await this.notifications.notify(
          manager,
          here.filter((row) => row.joined_at).map((row) => row.user_id),
          {
            type: 'no_show',
            title: 'Your partner did not come',
            body: (zone, locale) =>
              `${absent.join(' and ')} did not join your session on ${formatInZone(session.starts_at, zone, locale)}. ` +
              'Choose "practise now" to find someone else.',
            sessionId: session.id,
          },
        );
        const cameIds = here.filter((row) => row.joined_at).map((row) => row.user_id);
        for (const request of noShowMails(session.id, cameIds)) await this.mail.enqueue(manager, request);
      }
      return swept;
    });
    return sessions.length;
  }

  /** One reminder per session (the flag flips once), STARTING_SOON_MINUTES before it starts. */
  private async remindStartingSoon(now: Date): Promise<number> {
    // The flag and the reminders commit together: a flag set without its reminders sends none.
    const sessions = await this.outbox.transaction(async (manager) => {
      const swept: SweptSession[] = await manager.query(
        `WITH swept AS (
           UPDATE sessions SET starting_soon_notified = true
           WHERE kind = 'peer' AND status = 'scheduled' AND NOT starting_soon_notified
             AND starts_at > $1 AND starts_at <= $2
           RETURNING id, starts_at)
         SELECT * FROM swept`,
        [now, addMinutes(now, STARTING_SOON_MINUTES)],
      );
      const people = await this.participantNames(manager, swept);
      for (const session of swept) {
        const here = people.filter((row) => row.session_id === session.id);
        for (const person of here) {
          const partners = here
            .filter((row) => row.user_id !== person.user_id)
            .map((row) => row.display_name);
          await this.notifications.notify(manager, [person.user_id], {
            type: 'starting_soon',
            title: 'Starting soon',
            body: (zone, locale) =>
              `Your session with ${partners.join(' and ')} starts on ${formatInZone(session.starts_at, zone, locale)}; ` +
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
      const startsAt = new Date(row.starts_at);
      const offset = dueReminderOffset(startsAt, new Date(row.start_agreed_at), now, offsets);
      return offset === null ? [] : [reminderMail(row.session_id, row.user_id, startsAt, offset)];
    });
    if (due.length === 0) return 0;
    const queued = await this.reminders.alreadyQueued(
      reader,
      due.map((request) => request.dedupeKey),
    );
    const fresh = due.filter((request) => !queued.has(request.dedupeKey));
    if (fresh.length === 0) return 0;
    await this.dataSource.transaction(async (manager) => {
      for (const request of fresh) await this.mail.enqueue(manager, request);
    });
    return fresh.length;
  }

  /** Finished sessions everyone attended are complete (a later issue routes them through scoring). */
  private async completeSessions(now: Date): Promise<number> {
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH swept AS (
         UPDATE sessions s SET status = 'completed'
         WHERE s.status IN ('scheduled', 'live') AND s.ends_at <= $1
           AND NOT EXISTS (SELECT 1 FROM session_participants p WHERE p.session_id = s.id AND p.joined_at IS NULL)
         RETURNING s.id)
       SELECT id FROM swept`,
      [now],
    );
    return rows.length;
  }

  private async participantNames(
    manager: EntityManager,
    sessions: SweptSession[],
  ): Promise<ParticipantName[]> {
    if (sessions.length === 0) return [];
    return manager.query(
      `SELECT p.session_id, p.user_id, u.display_name, p.joined_at
       FROM session_participants p JOIN users u ON u.id = p.user_id WHERE p.session_id = ANY($1::uuid[])`,
      [sessions.map((session) => session.id)],
    );
  }
}

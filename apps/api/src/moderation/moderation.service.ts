import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  AccountStanding,
  ModerateUserRequest,
  ModerationLogEntry,
  ModerationResult,
  RestrictedAccount,
} from '@mockboard/contracts';
import { formatInZone } from '@mockboard/schedule';
import { AccountRestrictionsService, type AccountRestriction } from '../auth/account-restrictions.service';
import { SignInSessions } from '../auth/sign-in-sessions.service';
import type { AuthUser } from '../auth/auth-user';
import { UsersService } from '../auth/users.service';
import { conflict, invalid, notFound } from '../common/domain-error';
import { RequestValidationError } from '../common/zod-validation.pipe';
import { MailService } from '../mail/mail.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OutboxService } from '../outbox/outbox.service';
import { CalendarService } from '../calendar/calendar.service';
import { isUuid } from '../common/uuid';
import { cancelledMails } from '../mail/requests/session-mail-requests';
import { AccountWithdrawalRepository } from './account-withdrawal.repository';
import { ModerationActionsRepository, type ModerationActionRow } from './moderation-actions.repository';
import { ReportsRepository } from './reports.repository';
import { RestrictedAccountsRepository } from './restricted-accounts.repository';

// Read by both sides (the session page, the calendar file, the cancellation mail) after "Cancelled
// by Mockboard's moderators", so it names and blames nobody in particular.
const CANCEL_REASON = 'A participant can no longer take part';

/**
 * What an admin does to an account: warn (a notification), suspend until a time or ban (no sign-in,
 * every sign-in and socket ended, upcoming sessions cancelled with the partners told, open slots and
 * match requests withdrawn), reinstate; and resolving reports. Each step is audited in the
 * transaction that makes it, so the log cannot miss an action or show one that did not happen.
 */
@Injectable()
export class ModerationService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly users: UsersService,
    private readonly restrictions: AccountRestrictionsService,
    private readonly withdrawal: AccountWithdrawalRepository,
    private readonly calendar: CalendarService,
    private readonly actions: ModerationActionsRepository,
    private readonly reports: ReportsRepository,
    private readonly notifications: NotificationsService,
    private readonly signIns: SignInSessions,
    private readonly mail: MailService,
    private readonly restricted: RestrictedAccountsRepository,
  ) {}

  async moderate(admin: AuthUser, userId: string, body: ModerateUserRequest): Promise<ModerationResult> {
    const target = isUuid(userId) ? await this.users.find(userId) : null;
    if (!target) throw notFound('No user with this id');
    if (target.id === admin.id) throw invalid('You cannot moderate your own account');
    const until = body.until ? new Date(body.until) : null;
    if (until && until <= new Date()) {
      throw new RequestValidationError('body', [{ field: 'until', message: 'must be in the future' }]);
    }
    const outcome = await this.outbox.transaction(async (manager) => {
      if (body.reportId) await this.resolveWithAction(manager, admin, target.id, body);
      let cancelledSessions = 0;
      if (body.action === 'warn') await this.warn(manager, target, body.reason);
      let endedSignIns: string[] = [];
      if (body.action === 'suspend' || body.action === 'ban') {
        const restriction: AccountRestriction = {
          state: body.action === 'ban' ? 'banned' : 'suspended',
          until,
        };
        // Holds the account until the commit: a sign-in that started meanwhile is among those
        // revoked below, and one that starts after waits and then reads the restriction.
        await this.restrictions.impose(manager, target.id, { ...restriction, reason: body.reason });
        cancelledSessions = await this.takeOffCalendar(manager, target.id);
        // In this transaction: the suspension cannot commit with a sign-in left working.
        endedSignIns = await this.signIns.revokeAllWithin(manager, target.id);
      }
      if (body.action === 'reinstate') {
        if (!(await this.restrictions.lift(manager, target.id))) {
          throw conflict('This account is neither suspended nor banned');
        }
      }
      const entry = await this.actions.record(manager, {
        adminId: admin.id,
        userId: target.id,
        action: body.action,
        reason: body.reason,
        until,
        reportId: body.reportId ?? null,
      });
      return {
        entry,
        cancelledSessions,
        endedSignIns,
        standing: await this.restrictions.inForce(target.id, manager),
      };
    });
    // After the commit, so no socket is closed for a suspension that rolled back; on every instance.
    this.signIns.disconnect(outcome.endedSignIns);
    return {
      entry: toLogEntry(outcome.entry),
      standing: toStanding(outcome.standing),
      cancelledSessions: outcome.cancelledSessions,
      signInsEnded: outcome.endedSignIns.length,
    };
  }

  /** Closes a report, e.g. dismissing it; audited against the reported person. */
  async resolveReport(admin: AuthUser, reportId: string, note: string): Promise<ModerationLogEntry> {
    if (!isUuid(reportId)) throw notFound('No report with this id');
    const entry = await this.outbox.transaction(async (manager) => {
      const report = await this.reports.lock(manager, reportId);
      if (!report) throw notFound('No report with this id');
      if (report.status !== 'open') throw conflict('This report is already resolved');
      await this.reports.resolve(manager, report.id, admin.id, note);
      return this.actions.record(manager, {
        adminId: admin.id,
        userId: report.subjectId,
        action: 'resolve',
        reason: note,
        until: null,
        reportId: report.id,
      });
    });
    return toLogEntry(entry);
  }

  /** The accounts suspended or banned now, with why and until when. */
  async restrictedAccounts(): Promise<RestrictedAccount[]> {
    return (await this.restricted.inForce()).map((row) => ({
      user: { id: row.userId, displayName: row.displayName, email: row.email },
      state: row.state,
      until: row.until?.toISOString() ?? null,
      reason: row.reason,
      since: row.createdAt.toISOString(),
    }));
  }

  async log(): Promise<ModerationLogEntry[]> {
    return (await this.actions.latest()).map(toLogEntry);
  }

  private async resolveWithAction(
    manager: EntityManager,
    admin: AuthUser,
    userId: string,
    body: ModerateUserRequest,
  ): Promise<void> {
    const report = await this.reports.lock(manager, body.reportId!);
    if (!report) throw notFound('No report with this id');
    if (report.subjectId !== userId) {
      throw new RequestValidationError('body', [
        { field: 'reportId', message: 'is a report about someone else' },
      ]);
    }
    if (report.status === 'open')
      await this.reports.resolve(manager, report.id, admin.id, `${body.action}: ${body.reason}`);
  }

  private async warn(manager: EntityManager, user: { id: string }, reason: string): Promise<void> {
    await this.notifications.notify(manager, [user.id], {
      type: 'warning',
      title: 'A warning from the moderators',
      body: `${reason} Please keep to the community rules; a further report may suspend your account.`,
    });
  }

  /**
   * Withdraws the account's open slots and match requests first, then cancels its scheduled
   * sessions: a booking that committed before the slot was withdrawn is then among the sessions.
   * Returns how many sessions were cancelled.
   */
  private async takeOffCalendar(manager: EntityManager, userId: string): Promise<number> {
    for (const slotId of await this.withdrawal.withdrawOpenSlots(manager, userId)) {
      await this.calendar.release(manager, { slotId });
    }
    for (const matchRequestId of await this.withdrawal.cancelPendingMatchRequests(manager, userId)) {
      await this.calendar.release(manager, { matchRequestId });
    }
    const sessions = await this.withdrawal.lockUpcomingSessions(manager, userId);
    for (const session of sessions) {
      await this.withdrawal.cancelSession(manager, session.id, CANCEL_REASON);
      await this.calendar.release(manager, { sessionId: session.id });
      await this.notifications.notify(manager, session.partnerIds, {
        type: 'cancelled',
        title: 'Session cancelled',
        body: (zone, locale) =>
          `Your session on ${formatInZone(session.startsAt, zone, locale)} was cancelled by the moderators: ` +
          'your partner can no longer take part. Your calendar is free again at that time.',
        sessionId: session.id,
      });
      // The mail takes the event out of every calendar it was added to: the partners' and the
      // restricted user's own (who reads, like them, that the moderators cancelled it).
      await this.mail.enqueue(
        manager,
        ...cancelledMails(session.id, [...session.partnerIds, userId], null, null),
      );
    }
    return sessions.length;
  }
}

function toStanding(restriction: AccountRestriction | null): AccountStanding {
  if (!restriction) return { state: 'good', until: null };
  return { state: restriction.state, until: restriction.until?.toISOString() ?? null };
}

function toLogEntry(row: ModerationActionRow): ModerationLogEntry {
  return {
    id: row.id,
    at: row.createdAt.toISOString(),
    admin: { id: row.adminId, displayName: row.adminName, email: row.adminEmail },
    user: { id: row.userId, displayName: row.userName, email: row.userEmail },
    action: row.action,
    reason: row.reason,
    until: row.until?.toISOString() ?? null,
    reportId: row.reportId,
  };
}

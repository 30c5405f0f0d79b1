import { Injectable } from '@nestjs/common';
import type { CreateReportRequest, Report } from '@mockboard/contracts';
import { sessionAllows, sessionHasBegun } from '@mockboard/schedule';
import type { AuthUser } from '../auth/auth-user';
import { SESSION_NOT_FOUND } from '../sessions/session-views.service';
import { SessionRecordsService } from '../sessions/session-records.service';
import { conflict, notFound } from '../common/domain-error';
import { isUuid } from '../common/uuid';
import { ReportsRepository, type ReportRow } from './reports.repository';

/** A participant reports their partner, during the session or after it. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly sessions: SessionRecordsService,
    private readonly reports: ReportsRepository,
  ) {}

  async report(reporter: AuthUser, sessionId: string, body: CreateReportRequest): Promise<Report> {
    const record = isUuid(sessionId) ? await this.sessions.find(sessionId) : null;
    const participants = record?.participants.map((participant) => participant.userId) ?? [];
    if (!record || !participants.includes(reporter.id)) throw notFound(SESSION_NOT_FOUND);
    const subjectId = participants.find((id) => id !== reporter.id);
    if (!subjectId) throw conflict('A solo session has no partner to report');
    if (!sessionAllows(record.session.status, 'report')) {
      throw conflict('The session was cancelled, so there is nothing to report about it');
    }
    if (!sessionHasBegun(record.session, new Date())) {
      throw conflict('You can report your partner once the session has started');
    }
    const row = await this.reports.fileOrUpdate({
      sessionId,
      reporterId: reporter.id,
      subjectId,
      reason: body.reason,
      comment: body.comment || null,
    });
    return toReportView(row);
  }
}

function toReportView(row: ReportRow): Report {
  return {
    id: row.id,
    sessionId: row.sessionId,
    subjectId: row.subjectId,
    reason: row.reason,
    comment: row.comment,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  };
}

import { Injectable } from '@nestjs/common';
import type { AdminReport, ReportStatus } from '@mockboard/contracts';
import { PromptsService } from '../prompts/prompts.service';
import { ReportsRepository, type ReportEvidenceRow } from './reports.repository';

/** Reports as the moderation page shows them: who, about whom, which session, and how to review it. */
@Injectable()
export class ReportEvidenceService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly prompts: PromptsService,
  ) {}

  async list(status: ReportStatus | undefined): Promise<AdminReport[]> {
    return (await this.reports.listWithEvidence(status)).map((row) => this.toView(row));
  }

  private toView(row: ReportEvidenceRow): AdminReport {
    return {
      id: row.id,
      status: row.status,
      reason: row.reason,
      comment: row.comment,
      createdAt: row.createdAt.toISOString(),
      reporter: { id: row.reporterId, displayName: row.reporterName, email: row.reporterEmail },
      subject: {
        id: row.subjectId,
        displayName: row.subjectName,
        email: row.subjectEmail,
        standing: {
          state: row.subjectState ?? 'good',
          until: row.subjectUntil?.toISOString() ?? null,
        },
        earlierReports: row.earlierReports,
      },
      session: {
        id: row.sessionId,
        startsAt: row.sessionStartsAt.toISOString(),
        status: row.sessionStatus,
        prompts: row.promptIds
          .map((id) => (id ? (this.prompts.get(id)?.title ?? id) : null))
          .filter((title): title is string => title !== null),
        // The web app's replay of the board and chat (admins may open any session's).
        replayPath: `/sessions/${row.sessionId}/replay`,
      },
      resolution:
        row.status === 'resolved' && row.resolvedAt
          ? {
              note: row.resolutionNote ?? '',
              by: row.resolverName ?? '',
              at: row.resolvedAt.toISOString(),
            }
          : null,
    };
  }
}

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
      createdAt: row.created_at.toISOString(),
      reporter: { id: row.reporter_id, displayName: row.reporter_name, email: row.reporter_email },
      subject: {
        id: row.subject_id,
        displayName: row.subject_name,
        email: row.subject_email,
        standing: {
          state: row.subject_state ?? 'good',
          until: row.subject_until?.toISOString() ?? null,
        },
        earlierReports: row.earlier_reports,
      },
      session: {
        id: row.session_id,
        startsAt: row.session_starts_at.toISOString(),
        status: row.session_status,
        prompts: row.prompt_ids
          .map((id) => (id ? (this.prompts.get(id)?.title ?? id) : null))
          .filter((title): title is string => title !== null),
        // The web app's replay of the board and chat (admins may open any session's).
        replayPath: `/sessions/${row.session_id}/replay`,
      },
      resolution:
        row.status === 'resolved' && row.resolved_at
          ? {
              note: row.resolution_note ?? '',
              by: row.resolver_name ?? '',
              at: row.resolved_at.toISOString(),
            }
          : null,
    };
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ReportReason, ReportStatus, SessionStatus } from '@mockboard/contracts';

export interface ReportRow {
  id: string;
  session_id: string;
  reporter_id: string;
  subject_id: string;
  reason: ReportReason;
  comment: string | null;
  status: ReportStatus;
  resolution_note: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  created_at: Date;
}

/** A report with what the moderation page shows beside it, in one row. */
export interface ReportEvidenceRow extends ReportRow {
  reporter_name: string;
  reporter_email: string;
  subject_name: string;
  subject_email: string;
  subject_state: 'suspended' | 'banned' | null;
  subject_until: Date | null;
  earlier_reports: number;
  session_starts_at: Date;
  session_status: SessionStatus;
  prompt_ids: (string | null)[];
  resolver_name: string | null;
}

export interface NewReport {
  sessionId: string;
  reporterId: string;
  subjectId: string;
  reason: ReportReason;
  comment: string | null;
}

const ADMIN_LIST_LIMIT = 200;

/** Participants' reports of their partners, and the moderators' reading of them. */
@Injectable()
export class ReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A reporter's second report of a session while the first is open replaces its reason and comment. */
  async fileOrUpdate(report: NewReport): Promise<ReportRow> {
    const rows: ReportRow[] = await this.dataSource.query(
      `INSERT INTO session_reports (session_id, reporter_id, subject_id, reason, comment)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (reporter_id, session_id) WHERE status = 'open'
       DO UPDATE SET reason = excluded.reason, comment = excluded.comment
       RETURNING *`,
      [report.sessionId, report.reporterId, report.subjectId, report.reason, report.comment],
    );
    return rows[0]!;
  }

  /** Oldest first, so the longest-waiting report is read first. */
  listWithEvidence(status: ReportStatus | undefined): Promise<ReportEvidenceRow[]> {
    return this.dataSource.query(
      `SELECT r.*, reporter.display_name AS reporter_name, reporter.email AS reporter_email,
              subject.display_name AS subject_name, subject.email AS subject_email,
              restriction.state AS subject_state, restriction.until AS subject_until,
              (SELECT count(*)::int FROM session_reports e
                WHERE e.subject_id = r.subject_id AND e.created_at < r.created_at) AS earlier_reports,
              s.starts_at AS session_starts_at, s.status AS session_status,
              ARRAY(SELECT sr.prompt_id FROM session_rounds sr WHERE sr.session_id = s.id ORDER BY sr.number)
                AS prompt_ids,
              resolver.display_name AS resolver_name
       FROM session_reports r
       JOIN users reporter ON reporter.id = r.reporter_id
       JOIN users subject ON subject.id = r.subject_id
       JOIN sessions s ON s.id = r.session_id
       LEFT JOIN account_restrictions restriction
         ON restriction.user_id = r.subject_id AND (restriction.state = 'banned' OR restriction.until > now())
       LEFT JOIN users resolver ON resolver.id = r.resolved_by
       WHERE $1::text IS NULL OR r.status = $1
       ORDER BY r.created_at, r.id
       LIMIT ${ADMIN_LIST_LIMIT}`,
      [status ?? null],
    );
  }

  async lock(manager: EntityManager, reportId: string): Promise<ReportRow | null> {
    const rows: ReportRow[] = await manager.query(`SELECT * FROM session_reports WHERE id = $1 FOR UPDATE`, [
      reportId,
    ]);
    return rows[0] ?? null;
  }

  async resolve(manager: EntityManager, reportId: string, adminId: string, note: string): Promise<void> {
    await manager.query(
      `UPDATE session_reports SET status = 'resolved', resolution_note = $3, resolved_by = $2, resolved_at = now()
       WHERE id = $1`,
      [reportId, adminId, note],
    );
  }
}

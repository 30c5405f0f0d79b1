import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ReportReason, ReportStatus, SessionStatus } from '@mockboard/contracts';

export interface ReportRow {
  id: string;
  sessionId: string;
  reporterId: string;
  subjectId: string;
  reason: ReportReason;
  comment: string | null;
  status: ReportStatus;
  resolutionNote: string | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  createdAt: Date;
}

/** A report with what the moderation page shows beside it, in one row. */
export interface ReportEvidenceRow extends ReportRow {
  reporterName: string;
  reporterEmail: string;
  subjectName: string;
  subjectEmail: string;
  subjectState: 'suspended' | 'banned' | null;
  subjectUntil: Date | null;
  earlierReports: number;
  sessionStartsAt: Date;
  sessionStatus: SessionStatus;
  promptIds: (string | null)[];
  resolverName: string | null;
}

export interface NewReport {
  sessionId: string;
  reporterId: string;
  subjectId: string;
  reason: ReportReason;
  comment: string | null;
}

const ADMIN_LIST_LIMIT = 200;

/** A session_reports row as ReportRow, for a table aliased `r`. */
const REPORT_COLUMNS = `r.id, r.session_id AS "sessionId", r.reporter_id AS "reporterId", r.subject_id AS "subjectId",
  r.reason, r.comment, r.status, r.resolution_note AS "resolutionNote", r.resolved_by AS "resolvedBy",
  r.resolved_at AS "resolvedAt", r.created_at AS "createdAt"`;

/** Participants' reports of their partners, and the moderators' reading of them. */
@Injectable()
export class ReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A reporter's second report of a session while the first is open replaces its reason and comment. */
  async fileOrUpdate(report: NewReport): Promise<ReportRow> {
    const rows: ReportRow[] = await this.dataSource.query(
      `INSERT INTO session_reports AS r (session_id, reporter_id, subject_id, reason, comment)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (reporter_id, session_id) WHERE status = 'open'
       DO UPDATE SET reason = excluded.reason, comment = excluded.comment
       RETURNING ${REPORT_COLUMNS}`,
      [report.sessionId, report.reporterId, report.subjectId, report.reason, report.comment],
    );
    return rows[0]!;
  }

  /** Oldest first, so the longest-waiting report is read first. */
  listWithEvidence(status: ReportStatus | undefined): Promise<ReportEvidenceRow[]> {
    return this.dataSource.query(
      `SELECT ${REPORT_COLUMNS},
              reporter.display_name AS "reporterName", reporter.email AS "reporterEmail",
              subject.display_name AS "subjectName", subject.email AS "subjectEmail",
              restriction.state AS "subjectState", restriction.until AS "subjectUntil",
              (SELECT count(*)::int FROM session_reports e
                WHERE e.subject_id = r.subject_id AND e.created_at < r.created_at) AS "earlierReports",
              s.starts_at AS "sessionStartsAt", s.status AS "sessionStatus",
              ARRAY(SELECT sr.prompt_id FROM session_rounds sr WHERE sr.session_id = s.id ORDER BY sr.number)
                AS "promptIds",
              resolver.display_name AS "resolverName"
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
    const rows: ReportRow[] = await manager.query(
      `SELECT ${REPORT_COLUMNS} FROM session_reports r WHERE r.id = $1 FOR UPDATE`,
      [reportId],
    );
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

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export type AuditedAction = 'warn' | 'suspend' | 'ban' | 'reinstate' | 'resolve';

export interface NewModerationAction {
  adminId: string;
  userId: string;
  action: AuditedAction;
  reason: string;
  until: Date | null;
  reportId: string | null;
}

export interface ModerationActionRow {
  id: string;
  createdAt: Date;
  adminId: string;
  adminName: string;
  adminEmail: string;
  userId: string;
  userName: string;
  userEmail: string;
  action: AuditedAction;
  reason: string;
  until: Date | null;
  reportId: string | null;
}

const LOG_LIMIT = 200;

const SELECT_ENTRY = `SELECT a.id, a.created_at AS "createdAt", a.admin_id AS "adminId",
         admin.display_name AS "adminName", admin.email AS "adminEmail", a.user_id AS "userId",
         target.display_name AS "userName", target.email AS "userEmail", a.action, a.reason, a.until,
         a.report_id AS "reportId"
       FROM moderation_actions a
       JOIN users admin ON admin.id = a.admin_id
       JOIN users target ON target.id = a.user_id`;

/** The moderation audit log: appended in the transaction of the action it records, never changed. */
@Injectable()
export class ModerationActionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(manager: EntityManager, entry: NewModerationAction): Promise<ModerationActionRow> {
    const [inserted] = (await manager.query(
      `INSERT INTO moderation_actions (admin_id, user_id, action, reason, until, report_id)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [entry.adminId, entry.userId, entry.action, entry.reason, entry.until, entry.reportId],
    )) as { id: string }[];
    const rows: ModerationActionRow[] = await manager.query(`${SELECT_ENTRY} WHERE a.id = $1`, [
      inserted!.id,
    ]);
    return rows[0]!;
  }

  /** Latest first. */
  latest(): Promise<ModerationActionRow[]> {
    return this.dataSource.query(`${SELECT_ENTRY} ORDER BY a.created_at DESC, a.id LIMIT ${LOG_LIMIT}`);
  }
}

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
  created_at: Date;
  admin_id: string;
  admin_name: string;
  admin_email: string;
  user_id: string;
  user_name: string;
  user_email: string;
  action: AuditedAction;
  reason: string;
  until: Date | null;
  report_id: string | null;
}

const LOG_LIMIT = 200;

const SELECT_ENTRY = `SELECT a.id, a.created_at, a.admin_id, admin.display_name AS admin_name, admin.email AS admin_email,
         a.user_id, target.display_name AS user_name, target.email AS user_email, a.action, a.reason, a.until,
         a.report_id
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

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DevMail, MailKind } from '@mockboard/contracts';
import { prepared, queryPrepared } from '../database/prepared-statement';

/** The dev mailbox keeps this many messages, newest first: enough to follow a test run, never a growing table. */
export const DEV_MAILBOX_SIZE = 200;

export interface DevMailRow {
  outgoingMailId: string;
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: string[];
}

/** Every query on `dev_mailbox`. */
@Injectable()
export class DevMailboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Adds one message and drops what falls beyond the newest DEV_MAILBOX_SIZE, in one statement. The
   * DELETE does not see the row its own statement inserts, so it keeps DEV_MAILBOX_SIZE - 1 of the
   * others. "Newest" is the order of arrival, not sent_at: two messages can share a millisecond.
   * The cut is found with LIMIT 1, which reads the newest DEV_MAILBOX_SIZE entries of the arrival
   * index; an OFFSET without a limit was planned as a scan and sort of the whole table, dead rows
   * included, on every mail (0.5 ms each in bench/booking, where nothing vacuums).
   */
  async add(mail: DevMailRow): Promise<void> {
    await queryPrepared(
      this.dataSource,
      prepared(`WITH added AS (
         INSERT INTO dev_mailbox (outgoing_mail_id, kind, "to", subject, text, html, attachments)
         VALUES ($1, $2, $3, $4, $5, $6, $7::text[]))
       DELETE FROM dev_mailbox WHERE arrival <= (
         SELECT arrival FROM dev_mailbox ORDER BY arrival DESC OFFSET $8 LIMIT 1)`),
      [
        mail.outgoingMailId,
        mail.kind,
        mail.to,
        mail.subject,
        mail.text,
        mail.html,
        mail.attachments,
        DEV_MAILBOX_SIZE - 1,
      ],
    );
  }

  async newestFirst(): Promise<DevMail[]> {
    const rows: (Omit<DevMail, 'sentAt'> & { sentAt: Date })[] = await this.dataSource.query(
      `SELECT id, kind, "to", subject, text, html, attachments, sent_at AS "sentAt"
       FROM dev_mailbox ORDER BY arrival DESC LIMIT $1`,
      [DEV_MAILBOX_SIZE],
    );
    return rows.map((row) => ({ ...row, sentAt: new Date(row.sentAt).toISOString() }));
  }
}

import { createTransport, type Transporter } from 'nodemailer';
import type { MailTransport, OutgoingMessage } from './outgoing-message';

/**
 * Each stage of the SMTP conversation gives up after these, so a send ends well inside the
 * worker's 30 s lease (see mail.worker.ts): a stalled server makes us drop the connection, and an
 * SMTP transaction whose connection dropped before the server's final 250 is discarded by it.
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 15_000 };

/** SMTP_URL through nodemailer: one connection per message (mail is rare; no pool to go stale). */
export class SmtpMailTransport implements MailTransport {
  readonly kind = 'smtp' as const;
  private readonly transporter: Transporter;

  constructor(smtpUrl: string) {
    this.transporter = createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
  }

  /**
   * An abort closes this send's connection (nodemailer's SMTP transport honours `signal`), so the
   * SMTP transaction cannot complete later. A server that already had the final "." and was about
   * to answer 250 may still deliver (RFC 1047); the stable Message-ID lets receivers drop the repeat.
   */
  async send(message: OutgoingMessage, signal: AbortSignal): Promise<void> {
    const calendar = message.calendar;
    await this.transporter.sendMail({
      signal,
      from: message.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: message.messageId,
      headers: message.headers,
      // The text/calendar alternative is what Gmail, Outlook and Apple Mail turn into an
      // "add to calendar" card; the attachment is for every other client.
      icalEvent: calendar ? { method: calendar.method, content: calendar.content } : undefined,
      attachments: [
        ...message.attachments,
        ...(calendar
          ? [
              {
                filename: 'invite.ics',
                content: calendar.content,
                contentType: `text/calendar; charset=utf-8; method=${calendar.method}`,
              },
            ]
          : []),
      ],
    });
  }

  close(): void {
    this.transporter.close();
  }
}

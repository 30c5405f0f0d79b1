import { Logger } from '@nestjs/common';
import type { DevMailboxRepository } from './dev-mailbox.repository';
import type { MailTransport, OutgoingMessage } from './outgoing-message';

/**
 * Without SMTP_URL: the mail goes to the log (one line, with its first link, so a newcomer can
 * follow a verification link from the terminal) and to the admins' dev mailbox page.
 */
export class DevMailboxTransport implements MailTransport {
  readonly kind = 'dev-mailbox' as const;
  private readonly logger = new Logger('DevMailbox');

  constructor(private readonly mailbox: DevMailboxRepository) {}

  async send(message: OutgoingMessage): Promise<void> {
    const attachments = message.attachments.map((attachment) => attachment.filename);
    if (message.calendar) attachments.push('invite.ics');
    await this.mailbox.add({
      outgoingMailId: message.id,
      kind: message.kind,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      attachments,
    });
    const link = /https?:\/\/\S+/.exec(message.text)?.[0];
    this.logger.log(
      `Mail to ${message.to}: "${message.subject}"${link ? ` ${link}` : ''} (no SMTP_URL: dev mailbox)`,
    );
  }

  close(): void {}
}

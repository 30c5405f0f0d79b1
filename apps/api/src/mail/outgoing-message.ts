import type { MailKind } from '@mockboard/contracts';
import type { MailAttachment } from './mail.types';

/** A mail ready for a transport: laid out, addressed, with its headers. */
export interface OutgoingMessage {
  /** outgoing_mail.id */
  id: string;
  kind: MailKind;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<outgoing_mail.id@sender domain>`: the same on every attempt, so receivers can drop a repeat. */
  messageId: string;
  headers: Record<string, string>;
  attachments: MailAttachment[];
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

/** Sends one message; throws when it was not accepted. */
export interface MailTransport {
  readonly kind: 'smtp' | 'dev-mailbox';
  /**
   * When `signal` aborts, the send must stop for good (the worker has given up on this attempt and
   * will retry after the lease): a send that went on could complete after the retry started.
   */
  send(message: OutgoingMessage, signal: AbortSignal): Promise<void>;
  close(): void;
}

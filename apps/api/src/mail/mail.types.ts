import type { EntityManager } from 'typeorm';
import type { MailKind } from '@mockboard/contracts';
import type { SharedReads } from './shared-reads';

/**
 * A mail asked for inside the transaction of the change that causes it (MailService.enqueue).
 * `dedupeKey` names the event: a second request with the same key adds nothing, so two instances
 * (or a retried transaction) asking for the same reminder make one mail. `data` is what the
 * kind's composer needs to write it; it is JSON and is read back when the mail is sent.
 */
export interface MailRequest {
  kind: MailKind;
  /** The recipient; the address is read when the mail is sent (after an address change, the new one). */
  userId: string;
  dedupeKey: string;
  data: Record<string, unknown>;
  /** Not before this moment (default: now). */
  dueAt?: Date;
}

/** The recipient as a composer writes for them. */
export interface MailReader {
  userId: string;
  email: string;
  displayName: string;
  timeZone: string;
  /** BCP 47 tag, or null for the default (en-GB style). */
  locale: string | null;
  emailVerified: boolean;
}

export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

/** A written mail. The worker adds the layout's footer, the unsubscribe link and headers. */
export interface ComposedMail {
  /**
   * Another recipient than the reader's current address: only the verification of a new address
   * (change of address), which must reach the address being proved, not the one in use.
   */
  to?: string;
  subject: string;
  /** Plain-text part. */
  text: string;
  /** HTML part (a fragment: the worker wraps it in the common layout). */
  html: string;
  attachments?: MailAttachment[];
  /**
   * A calendar invitation (iCalendar text with METHOD:REQUEST or METHOD:CANCEL). The worker sends
   * it both as a text/calendar alternative part (what Gmail, Outlook and Apple Mail turn into an
   * "add to calendar" card) and as an invite.ics attachment.
   */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

/** Why a due mail is not sent after all (the session was cancelled, the reminder is late, ...). */
export interface SkippedMail {
  skip: string;
}

/**
 * Writes one kind of mail when it is sent, from current data: a reminder for a session that was
 * moved or cancelled since it was asked for returns `{ skip }`.
 */
export interface MailComposer {
  compose(
    manager: EntityManager,
    reader: MailReader,
    data: Record<string, unknown>,
    /** Reads this mail shares with the others of its batch; absent when it is written alone. */
    shared?: SharedReads,
  ): Promise<ComposedMail | SkippedMail>;
}

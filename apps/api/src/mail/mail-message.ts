import type { MailKind } from '@mockboard/contracts';
import { layoutMail, type UnsubscribeFooter } from './mail-layout';
import type { ComposedMail, MailReader } from './mail.types';
import type { OutgoingMessage } from './outgoing-message';

export interface MessageParts {
  id: string;
  kind: MailKind;
  from: string;
  reader: MailReader;
  composed: ComposedMail;
  /** Optional kinds only: their footer links and List-Unsubscribe target. */
  unsubscribe?: UnsubscribeFooter & { oneClickUrl: string };
}

/** The domain of a From value (`Name <a@b.example>` or `a@b.example`), for Message-IDs. */
export function domainOf(from: string): string {
  return /@([^\s<>@]+?)>?\s*$/.exec(from)?.[1] ?? 'localhost';
}

/**
 * Lays the composed mail out and adds the headers. The Message-ID is derived from the queued
 * row, so a repeat of the same mail (the one double-send window, see mail.worker.ts) carries the
 * same id and receivers that deduplicate on it show it once.
 */
export function buildOutgoingMessage(parts: MessageParts): OutgoingMessage {
  const { composed, unsubscribe } = parts;
  const laidOut = layoutMail({
    subject: composed.subject,
    html: composed.html,
    text: composed.text,
    lang: parts.reader.locale,
    unsubscribe,
  });
  const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated' };
  if (unsubscribe) {
    // RFC 2369 + RFC 8058: providers show an "Unsubscribe" button that POSTs to this URL.
    headers['List-Unsubscribe'] = `<${unsubscribe.oneClickUrl}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return {
    id: parts.id,
    kind: parts.kind,
    from: parts.from,
    to: composed.to ?? parts.reader.email,
    subject: composed.subject,
    text: laidOut.text,
    html: laidOut.html,
    messageId: `<${parts.id}@${domainOf(parts.from)}>`,
    headers,
    attachments: composed.attachments ?? [],
    calendar: composed.calendar,
  };
}

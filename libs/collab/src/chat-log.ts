import type { ChatMessage } from '@mockboard/contracts';

/**
 * What one tab's chat shows: stored messages (from acks, broadcasts and history, merged by id) in
 * the order they were stored, then this tab's messages still on their way. Plain functions, so
 * the merge rules read (and test) without React.
 */
export interface ChatEntry {
  id: string;
  authorId: string;
  authorName: string;
  text: string;
  /** When the server stored it; null until then. */
  sentAt: string | null;
  status: 'sending' | 'sent' | 'failed';
  /** Why sending failed, in words for the sender. */
  error?: string;
}

const stored = (message: ChatMessage): ChatEntry => ({
  id: message.id,
  authorId: message.authorId,
  authorName: message.authorName,
  text: message.text,
  sentAt: message.sentAt,
  status: 'sent',
});

/** Stored messages first, by the time the server stored them; unsent ones after, as typed. */
function byStoredOrder(a: ChatEntry, b: ChatEntry): number {
  if (a.sentAt === null || b.sentAt === null)
    return (a.sentAt === null ? 1 : 0) - (b.sentAt === null ? 1 : 0);
  return a.sentAt.localeCompare(b.sentAt);
}

/** The log with these stored messages in it: a message already held (sending or sent) is replaced. */
export function withStored(entries: readonly ChatEntry[], messages: readonly ChatMessage[]): ChatEntry[] {
  if (messages.length === 0) return [...entries];
  const incoming = new Map(messages.map((message) => [message.id, stored(message)]));
  const kept = entries.filter((entry) => !incoming.has(entry.id));
  // A stable sort keeps the unsent ones in the order they were typed.
  return [...kept, ...incoming.values()].sort(byStoredOrder);
}

/** A message of this tab, shown at once while it is on its way. */
export function withSending(
  entries: readonly ChatEntry[],
  draft: Pick<ChatEntry, 'id' | 'authorId' | 'authorName' | 'text'>,
): ChatEntry[] {
  return [...entries, { ...draft, sentAt: null, status: 'sending' }];
}

/** The entry `id`, unless already stored, marked failed (with why) or on its way again. */
export function withStatus(
  entries: readonly ChatEntry[],
  id: string,
  status: 'sending' | 'failed',
  error?: string,
): ChatEntry[] {
  return entries.map((entry) =>
    entry.id === id && entry.status !== 'sent'
      ? { ...entry, status, ...(error === undefined ? { error: undefined } : { error }) }
      : entry,
  );
}

/** The id of the latest stored message held: a re-join asks for what came after it. */
export function lastStoredId(entries: readonly ChatEntry[]): string | undefined {
  for (let index = entries.length - 1; index >= 0; index--) {
    if (entries[index]!.status === 'sent') return entries[index]!.id;
  }
  return undefined;
}

/**
 * A fresh message id: a v4 UUID. crypto.randomUUID exists only in secure contexts, and the app
 * may be served over plain HTTP on a LAN, so the bytes come from getRandomValues.
 */
export function newMessageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

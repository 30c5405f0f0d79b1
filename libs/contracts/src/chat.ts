import { z } from 'zod';

/** The room's text chat: stored with the session, between its participants only. */
export const CHAT_EVENTS = {
  /** c→s: send one message; the ack carries it as stored. */
  send: 'chat:send',
  /** s→c: a message, to every participant socket of the session (the sender's other tabs too). */
  message: 'chat:message',
  /** c→s: the session's messages (after a cursor); a tab asks after every (re)join. */
  history: 'chat:history',
} as const;

export const CHAT_LIMITS = {
  /** Characters of one message: room for a link and a few sentences, not a document. */
  maxChars: 2_000,
  /** Messages one session keeps; past it, sending is refused (`too_large`). */
  maxMessagesPerSession: 2_000,
  /** Messages one history answer carries at most (the latest ones). */
  historyPage: 500,
} as const;

const SessionId = z.uuid({ message: 'must be a session id' });

export const ChatSendRequestSchema = z.strictObject({
  sessionId: SessionId,
  /** Chosen by the sender, so a resend after a dropped connection is stored once. */
  id: z.uuid({ message: 'must be a UUID the client chose for this message' }),
  text: z
    .string()
    .max(CHAT_LIMITS.maxChars, { message: `a message is capped at ${CHAT_LIMITS.maxChars} characters` })
    .refine((text) => text.trim().length > 0, { message: 'write something first' }),
});
export type ChatSendRequest = z.infer<typeof ChatSendRequestSchema>;

export const ChatMessageSchema = z.object({
  id: z.uuid(),
  sessionId: z.uuid(),
  authorId: z.uuid(),
  authorName: z.string(),
  text: z.string(),
  /** The round it was sent in (1, or 2 after a swap). */
  round: z.number().int(),
  sentAt: z.iso.datetime(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const ChatSendAckSchema = z.object({ ok: z.literal(true), message: ChatMessageSchema });
export type ChatSendAck = z.infer<typeof ChatSendAckSchema>;

export const ChatHistoryRequestSchema = z.strictObject({
  sessionId: SessionId,
  /** The id of the last message this tab holds: only later ones are returned. */
  after: z.uuid().optional(),
});
export type ChatHistoryRequest = z.infer<typeof ChatHistoryRequestSchema>;

export const ChatHistoryAckSchema = z.object({
  ok: z.literal(true),
  /** Oldest first; at most CHAT_LIMITS.historyPage, the latest ones. */
  messages: z.array(ChatMessageSchema),
});
export type ChatHistoryAck = z.infer<typeof ChatHistoryAckSchema>;

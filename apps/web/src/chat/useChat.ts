import { useCallback, useEffect, useRef, useState } from 'react';
import {
  CHAT_EVENTS,
  ChatHistoryAckSchema,
  ChatMessageSchema,
  ChatSendAckSchema,
  ErrorAckSchema,
  type ChatMessage,
} from '@mockboard/contracts';
import {
  lastStoredId,
  newMessageId,
  withSending,
  withStatus,
  withStored,
  type ChatEntry,
  type CollabClient,
} from '@mockboard/collab';

/** How long a message waits for the server's answer before it shows as failed (with a Retry). */
const ACK_TIMEOUT_MS = 10_000;

interface UseChatOptions {
  /** The room's current connection; a swap of roles brings a new one (history is asked again). */
  client: CollabClient | null;
  sessionId: string;
  me: { userId: string; displayName: string };
  /** Participants of a session with a partner only: observers and solo sessions have no chat. */
  enabled: boolean;
  /** Whether the panel holding the chat is on screen: messages that come while it is not are unread. */
  panelVisible: boolean;
}

export interface Chat {
  enabled: boolean;
  entries: ChatEntry[];
  /** Messages from the partner that arrived while the chat was hidden or collapsed. */
  unread: number;
  /** The latest message from the partner, in words, for a polite live region. */
  announcement: string;
  /** Why the history could not be read, if it could not (asked again on the next join). */
  problem: string | null;
  expanded: boolean;
  /** Whether the messages are on screen (the panel shown and the chat not collapsed). */
  visible: boolean;
  setExpanded: (expanded: boolean) => void;
  send: (text: string) => void;
  retry: (id: string) => void;
}

/**
 * The room's chat over the room's socket: messages show at once as "sending", turn "sent" on the
 * ack; after every (re)join the tab asks for what came after the last message it holds and sends
 * again what is still on its way (the same id, so the server stores it once).
 */
export function useChat({ client, sessionId, me, enabled, panelVisible }: UseChatOptions): Chat {
  const [entries, setEntries] = useState<ChatEntry[]>([]);
  const [unread, setUnread] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [expanded, setExpanded] = useState(true);
  const watching = panelVisible && expanded;

  // The socket handlers read the latest of these without resubscribing.
  const entriesRef = useRef(entries);
  const watchingRef = useRef(watching);
  const clientRef = useRef(client);
  /** Ids of stored messages already shown: a message heard twice (broadcast, then history) counts once. */
  const seen = useRef(new Set<string>());
  useEffect(() => {
    watchingRef.current = watching;
    clientRef.current = client;
  });

  // Unread counts what came while the chat was out of sight: seeing it again reads it all.
  const [wasWatching, setWasWatching] = useState(watching);
  if (watching !== wasWatching) {
    setWasWatching(watching);
    if (watching) setUnread(0);
  }

  const receive = useCallback(
    (messages: readonly ChatMessage[]) => {
      const fresh = messages.filter((message) => !seen.current.has(message.id));
      for (const message of fresh) seen.current.add(message.id);
      const fromPartner = fresh.filter((message) => message.authorId !== me.userId);
      setEntries((previous) => (entriesRef.current = withStored(previous, messages)));
      if (fromPartner.length === 0) return;
      if (!watchingRef.current) setUnread((count) => count + fromPartner.length);
      const latest = fromPartner.at(-1)!;
      setAnnouncement(`${latest.authorName}: ${latest.text}`);
    },
    [me.userId],
  );

  const fail = useCallback((id: string, error: string) => {
    setEntries((previous) => (entriesRef.current = withStatus(previous, id, 'failed', error)));
  }, []);

  const deliver = useCallback(
    (entry: Pick<ChatEntry, 'id' | 'text'>) => {
      const current = clientRef.current;
      // Not joined (reconnecting): the message stays "sending" and goes after the next join.
      if (!current?.isJoined) return;
      current.socket
        .timeout(ACK_TIMEOUT_MS)
        .emit(
          CHAT_EVENTS.send,
          { sessionId, id: entry.id, text: entry.text },
          (timedOut: unknown, raw: unknown) => {
            if (timedOut)
              return fail(entry.id, 'No answer from the server. Check your connection and retry.');
            const ack = ChatSendAckSchema.safeParse(raw);
            if (ack.success) return receive([ack.data.message]);
            const refused = ErrorAckSchema.safeParse(raw);
            fail(entry.id, refused.success ? refused.data.error.message : 'The message was not sent.');
          },
        );
    },
    [sessionId, receive, fail],
  );

  useEffect(() => {
    if (!client || !enabled) return;
    const socket = client.socket;
    const onMessage = (payload: unknown) => {
      const parsed = ChatMessageSchema.safeParse(payload);
      if (parsed.success && parsed.data.sessionId === sessionId) receive([parsed.data]);
    };
    // After every (re)join: what was missed meanwhile, then what is still on its way.
    const catchUp = () => {
      socket
        .timeout(ACK_TIMEOUT_MS)
        .emit(
          CHAT_EVENTS.history,
          { sessionId, after: lastStoredId(entriesRef.current) },
          (timedOut: unknown, raw: unknown) => {
            const ack = ChatHistoryAckSchema.safeParse(raw);
            if (!timedOut && ack.success) {
              setProblem(null);
              receive(ack.data.messages);
            } else {
              const refused = ErrorAckSchema.safeParse(raw);
              setProblem(
                `Earlier messages could not be loaded${refused.success ? `: ${refused.data.error.message}` : ''}.`,
              );
            }
            for (const entry of entriesRef.current) if (entry.status === 'sending') deliver(entry);
          },
        );
    };
    socket.on(CHAT_EVENTS.message, onMessage);
    const stopListening = client.onJoined(catchUp);
    if (client.isJoined) catchUp();
    return () => {
      socket.off(CHAT_EVENTS.message, onMessage);
      stopListening();
    };
  }, [client, enabled, sessionId, receive, deliver]);

  const send = useCallback(
    (text: string) => {
      const entry = { id: newMessageId(), authorId: me.userId, authorName: me.displayName, text };
      setEntries((previous) => (entriesRef.current = withSending(previous, entry)));
      deliver(entry);
    },
    [me.userId, me.displayName, deliver],
  );

  const retry = useCallback(
    (id: string) => {
      const entry = entriesRef.current.find((candidate) => candidate.id === id);
      if (!entry) return;
      setEntries((previous) => (entriesRef.current = withStatus(previous, id, 'sending')));
      deliver(entry);
    },
    [deliver],
  );

  return {
    enabled,
    entries,
    unread,
    announcement,
    problem,
    expanded,
    visible: watching,
    setExpanded,
    send,
    retry,
  };
}

import { useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ChatEntry } from '@mockboard/collab';
import { CHAT_LIMITS } from '@mockboard/contracts';
import { CharacterCount } from '../components/CharacterCount';
import { ChatText } from './ChatText';
import { formatTimeOnThisScreen } from '../time/format';
import type { Chat } from './useChat';
import '../styles/chat.css';

const EMPTY_TEXT = 'No messages yet. Use the chat for links, spelling a name, or when audio fails.';
/** How close to the bottom (px) the log counts as "reading the latest": new messages then scroll in. */
const STICK_TO_BOTTOM_PX = 48;

/**
 * The chat, docked at the bottom of the room's side panel: the messages, then a box labelled
 * "Message" (Enter sends, Shift+Enter starts a new line). Collapsible; new messages from the
 * partner are announced politely.
 */
export function ChatPanel({ chat, myUserId }: { chat: Chat; myUserId: string }) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const log = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);

  // Keeps the latest message in view, unless the reader scrolled up to read older ones (a log
  // out of sight has no height to scroll: it is scrolled again once it shows).
  useLayoutEffect(() => {
    const element = log.current;
    if (element && atBottom.current) element.scrollTop = element.scrollHeight;
  }, [chat.entries, chat.visible]);

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (draft.trim().length === 0) return;
    chat.send(draft);
    setDraft('');
    atBottom.current = true;
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Enter sends; Shift+Enter, and Enter that confirms an input method's composition, do not.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    submit();
  }

  return (
    <section className="chat" aria-labelledby={`${id}-title`}>
      <div className="chat__bar">
        <h2 id={`${id}-title`} className="chat__title">
          Chat
        </h2>
        {chat.unread > 0 && <UnreadBadge count={chat.unread} />}
        <button
          type="button"
          className="button button--ghost button--small"
          aria-expanded={chat.expanded}
          aria-controls={`${id}-body`}
          onClick={() => chat.setExpanded(!chat.expanded)}
        >
          {chat.expanded ? 'Collapse chat' : 'Open chat'}
        </button>
      </div>
      <div id={`${id}-body`} className="chat__body" hidden={!chat.expanded}>
        {chat.entries.length === 0 ? (
          <p className="chat__empty">{EMPTY_TEXT}</p>
        ) : (
          <ol
            ref={log}
            className="chat__log"
            aria-label="Messages"
            tabIndex={0}
            onScroll={(event) => {
              const element = event.currentTarget;
              atBottom.current =
                element.scrollHeight - element.scrollTop - element.clientHeight < STICK_TO_BOTTOM_PX;
            }}
          >
            {chat.entries.map((entry) => (
              <ChatLine
                key={entry.id}
                entry={entry}
                mine={entry.authorId === myUserId}
                onRetry={chat.retry}
              />
            ))}
          </ol>
        )}
        {chat.problem && (
          <p className="chat__problem" role="status">
            {chat.problem}
          </p>
        )}
        <form className="chat__form" onSubmit={submit}>
          <label htmlFor={`${id}-message`} className="visually-hidden">
            Message
          </label>
          <textarea
            id={`${id}-message`}
            className="chat__input"
            rows={2}
            maxLength={CHAT_LIMITS.maxChars}
            placeholder="Message your partner (Enter sends, Shift+Enter for a new line)"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onKeyDown}
          />
          <button type="submit" className="button button--small" disabled={draft.trim().length === 0}>
            Send
          </button>
          <CharacterCount length={draft.length} max={CHAT_LIMITS.maxChars} />
        </form>
      </div>
      <div className="visually-hidden" aria-live="polite">
        {chat.announcement}
      </div>
    </section>
  );
}

function ChatLine({
  entry,
  mine,
  onRetry,
}: {
  entry: ChatEntry;
  mine: boolean;
  onRetry: (id: string) => void;
}) {
  return (
    <li className={`chat-line${mine ? ' chat-line--mine' : ''} chat-line--${entry.status}`}>
      <div className="chat-line__meta">
        <span className="chat-line__author">{mine ? 'You' : entry.authorName}</span>
        {entry.status === 'sent' && entry.sentAt && (
          <time className="chat-line__time" dateTime={entry.sentAt}>
            {formatTimeOnThisScreen(entry.sentAt)}
          </time>
        )}
        {entry.status === 'sending' && <span className="chat-line__state">Sending…</span>}
      </div>
      <p className="chat-line__text">
        <ChatText text={entry.text} />
      </p>
      {entry.status === 'failed' && (
        <p className="chat-line__error" role="alert">
          Not sent: {entry.error}{' '}
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => onRetry(entry.id)}
          >
            Retry
          </button>
        </p>
      )}
    </li>
  );
}

/** The number of unread messages, said in full to screen readers. */
export function UnreadBadge({ count }: { count: number }) {
  const label = `${count} unread ${count === 1 ? 'message' : 'messages'}`;
  return (
    <span className="chat-unread" title={label}>
      <span aria-hidden="true">{count}</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

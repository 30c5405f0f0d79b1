import type { ReplayTimeline } from '@mockboard/scene';
import { formatDuration } from '../room/phase-clock';
import { ChatText } from './ChatText';
import '../styles/chat.css';

interface ReplayChatProps {
  messages: ReplayTimeline['messages'];
  /** The play head: messages after it are shown as still to come. */
  position: number;
  /** Absent when there is nothing to play (no drawing): the times are then shown, not offered as jumps. */
  onSeek?: (offset: number) => void;
}

/** The session's chat beside the replay, each message a jump to the moment it was sent. */
export function ReplayChat({ messages, position, onSeek }: ReplayChatProps) {
  if (messages.length === 0) return null;
  return (
    <section className="replay-chat" aria-labelledby="replay-chat-title">
      <h2 id="replay-chat-title" className="replay-chat__title">
        Chat
      </h2>
      <ol className="replay-chat__log">
        {messages.map(({ offset, message }) => (
          <li key={message.id} className={`chat-line${offset > position ? ' replay-chat__line--later' : ''}`}>
            <div className="chat-line__meta">
              {onSeek ? (
                <button type="button" className="replay-chapters__jump" onClick={() => onSeek(offset)}>
                  <span className="replay-chapters__time">{formatDuration(offset)}</span>{' '}
                  <span className="chat-line__author">{message.authorName}</span>
                </button>
              ) : (
                <>
                  <span className="replay-chapters__time">{formatDuration(offset)}</span>{' '}
                  <span className="chat-line__author">{message.authorName}</span>
                </>
              )}
            </div>
            <p className="chat-line__text">
              <ChatText text={message.text} />
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

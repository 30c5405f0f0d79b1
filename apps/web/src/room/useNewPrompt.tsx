import { useState, type ReactNode } from 'react';
import type { JoinAck } from '@mockboard/contracts';

/**
 * A prompt that arrives while the room is open (the round's interviewer chose it there): said to
 * screen readers, and marked on the panel's button while the panel is folded away (on a phone it
 * starts so), until it is opened.
 */
export function useNewPrompt(ack: JoinAck, panelOpen: boolean): { badge: ReactNode; announcer: ReactNode } {
  const promptId = ack.prompt?.id ?? null;
  const [shown, setShown] = useState({ round: ack.round, promptId });
  const [arrived, setArrived] = useState<string | null>(null);
  const [unseen, setUnseen] = useState(false);

  // Adjusted while rendering the join that brought it (React's pattern for state that follows a prop).
  if (ack.round !== shown.round || promptId !== shown.promptId) {
    setShown({ round: ack.round, promptId });
    // A new round brings its own prompt with the swap, which says so itself: the last round's
    // news is no longer said.
    if (ack.round !== shown.round) {
      setArrived(null);
      setUnseen(false);
    } else if (ack.prompt) {
      setArrived(ack.prompt.title);
      setUnseen(!panelOpen);
    }
  }
  if (unseen && panelOpen) setUnseen(false);

  return {
    badge: unseen && !panelOpen && (
      <span className="chat-unread hint-badge" title="A prompt was chosen">
        <span aria-hidden="true">New</span>
        <span className="visually-hidden">a prompt was chosen</span>
      </span>
    ),
    announcer: (
      <p className="visually-hidden" role="status" aria-live="polite">
        {arrived ? `The prompt for this round: ${arrived}` : ''}
      </p>
    ),
  };
}

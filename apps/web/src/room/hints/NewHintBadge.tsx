import { useState } from 'react';

/**
 * How many hints arrived while the panel showing them was closed (narrow screens hide it); seeing
 * the panel again counts them all as seen.
 */
export function useUnseenHints(count: number, panelVisible: boolean): number {
  const [seen, setSeen] = useState(count);
  // Adjusted while rendering (React's pattern for state derived from props): no extra paint.
  if (panelVisible && seen !== count) setSeen(count);
  return panelVisible ? 0 : Math.max(0, count - seen);
}

/** The Prompt button's mark for hints not seen yet. */
export function NewHintBadge({ count }: { count: number }) {
  const label = count === 1 ? 'a new hint' : `${count} new hints`;
  return (
    <span className="chat-unread hint-badge" title={label}>
      <span aria-hidden="true">Hint</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

import type { BlockedUser } from '@mockboard/contracts';
import { useEffect, useId, useRef, useState } from 'react';
import { listBlocks, unblockUser } from '../api/moderation';
import { ActionFeedback } from '../components/ActionFeedback';
import { EmptyState, ErrorState, LoadingState } from '../components/StatusViews';
import { useAsyncAction } from '../hooks/useAsyncAction';
import { useResource } from '../hooks/useResource';

/** The people the user blocked (from a session's "Report or block"), each with Unblock. */
export function BlockedPeople() {
  const blocks = useResource('blocks', (signal) => listBlocks(signal));
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState<string | null>(null);
  const { run, pending, error } = useAsyncAction();
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  // Where focus goes once an unblocked row is gone: the next row's button, else the previous
  // one's, else the heading (the row that held focus no longer exists).
  const focusAfterRemoval = useRef<string | 'heading' | null>(null);

  const visible =
    blocks.status === 'success' ? blocks.data.blocks.filter((person) => !removed.has(person.userId)) : [];

  useEffect(() => {
    const next = focusAfterRemoval.current;
    if (next === null) return;
    focusAfterRemoval.current = null;
    (next === 'heading' ? headingRef.current : buttons.current.get(next))?.focus();
  }, [removed]);

  async function unblock(person: BlockedUser) {
    setStatus(null);
    if (!(await run(() => unblockUser(person.userId)))) return;
    const index = visible.findIndex((each) => each.userId === person.userId);
    const neighbour = visible[index + 1] ?? visible[index - 1];
    setRemoved((current) => new Set(current).add(person.userId));
    focusAfterRemoval.current = neighbour ? neighbour.userId : 'heading';
    setStatus(`${person.displayName} is unblocked.`);
  }

  return (
    <section className="panel profile-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        Blocked people
      </h2>
      <p className="section-lead">
        You are never matched with them and neither of you sees the other’s open slots.
      </p>
      {blocks.status === 'error' ? (
        <ErrorState
          title="Could not load the people you blocked"
          error={blocks.error}
          onRetry={blocks.retry}
        />
      ) : blocks.status === 'loading' ? (
        <LoadingState label="Loading the people you blocked…" />
      ) : visible.length === 0 ? (
        <EmptyState title="Nobody blocked">You can block a partner from a session’s page.</EmptyState>
      ) : (
        <ul className="blocked-people" aria-label="Blocked people">
          {visible.map((person) => (
            <li key={person.userId} className="blocked-people__item">
              <span>{person.displayName}</span>
              <button
                ref={(element) => {
                  if (element) buttons.current.set(person.userId, element);
                  else buttons.current.delete(person.userId);
                }}
                type="button"
                className="button button--secondary button--small"
                disabled={pending}
                onClick={() => unblock(person)}
                aria-label={`Unblock ${person.displayName}`}
              >
                Unblock
              </button>
            </li>
          ))}
        </ul>
      )}
      <ActionFeedback status={status} error={error} />
    </section>
  );
}

import type { BlockedUser } from '@mockboard/contracts';
import { useId, useState } from 'react';
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

  async function unblock(person: BlockedUser) {
    setStatus(null);
    if (!(await run(() => unblockUser(person.userId)))) return;
    setRemoved((current) => new Set(current).add(person.userId));
    setStatus(`${person.displayName} is unblocked.`);
  }

  const visible =
    blocks.status === 'success' ? blocks.data.blocks.filter((person) => !removed.has(person.userId)) : [];

  return (
    <section className="panel profile-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Blocked people</h2>
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

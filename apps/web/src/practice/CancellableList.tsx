import { useState } from 'react';
import { toApiRequestError } from '../api/client';
import { ErrorState, LoadingState } from '../components/StatusViews';
import { latestData, useResource } from '../hooks/useResource';
import { formatDateTime } from '../time/format';

interface CancellableItem {
  id: string;
  startsAt: string;
}

interface CancellableListProps<T extends CancellableItem> {
  title: string;
  /** Changes whenever the list must reload (the caller's refresh counter goes in here). */
  resourceKey: string;
  load: (signal: AbortSignal) => Promise<T[]>;
  loadingLabel: string;
  errorTitle: string;
  emptyText: string;
  zone: string;
  /** The row's second line, under its start time. */
  meta: (item: T) => string;
  /** The button's visible word ("Cancel", "Withdraw"). */
  cancelLabel: string;
  /** The rest of the button's name for screen readers, e.g. `the slot on ${when}`. */
  cancelTarget: (when: string) => string;
  cancel: (item: T) => Promise<unknown>;
}

/**
 * The Practice page's small panels of things the user put out and can still take back (open slots,
 * waiting match requests): loading, error, empty, then one row per item with a button that cancels
 * it and reloads the list. One component so the panels look and behave the same.
 */
export function CancellableList<T extends CancellableItem>({
  title,
  resourceKey,
  load,
  loadingLabel,
  errorTitle,
  emptyText,
  zone,
  meta,
  cancelLabel,
  cancelTarget,
  cancel,
}: CancellableListProps<T>) {
  const [cancelled, setCancelled] = useState(0);
  const items = useResource(`${resourceKey}:${cancelled}`, load);
  const shown = latestData(items);

  return (
    <div className="my-slots">
      <h3>{title}</h3>
      {items.status === 'error' ? (
        <ErrorState title={errorTitle} error={items.error} onRetry={items.retry} />
      ) : !shown ? (
        <LoadingState label={loadingLabel} />
      ) : shown.length === 0 ? (
        <p className="muted">{emptyText}</p>
      ) : (
        <ul className="compact-list">
          {shown.map((item) => (
            <li key={item.id}>
              <CancellableRow
                when={formatDateTime(new Date(item.startsAt), zone)}
                meta={meta(item)}
                cancelLabel={cancelLabel}
                cancelTarget={cancelTarget}
                cancel={() => cancel(item)}
                onCancelled={() => setCancelled((n) => n + 1)}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface CancellableRowProps {
  when: string;
  meta: string;
  cancelLabel: string;
  cancelTarget: (when: string) => string;
  cancel: () => Promise<unknown>;
  onCancelled: () => void;
}

function CancellableRow({ when, meta, cancelLabel, cancelTarget, cancel, onCancelled }: CancellableRowProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setPending(true);
    setError(null);
    try {
      await cancel();
      onCancelled();
    } catch (caught) {
      setError(toApiRequestError(caught).message);
      setPending(false);
    }
  }

  return (
    <div className="compact-row">
      <div>
        <p className="compact-row__title">{when}</p>
        <p className="compact-row__meta">{meta}</p>
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
      </div>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={run}
        disabled={pending}
      >
        {cancelLabel}
        <span className="visually-hidden"> {cancelTarget(when)}</span>
      </button>
    </div>
  );
}

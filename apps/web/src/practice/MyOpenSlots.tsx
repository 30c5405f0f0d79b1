import { MAX_LEAD_DAYS, type Slot } from '@mockboard/contracts';
import { useState } from 'react';
import { toApiRequestError } from '../api/client';
import { listMySlots, withdrawSlot } from '../api/slots';
import { FORMAT_LABELS } from '../components/labels';
import { ErrorState, LoadingState } from '../components/StatusViews';
import { useResource } from '../hooks/useResource';
import { formatDateTime, formatDuration } from '../time/format';

const DAY = 24 * 60 * 60_000;

/** The user's own slots nobody has booked yet, each with Withdraw. */
export function MyOpenSlots({ zone, refreshKey }: { zone: string; refreshKey: number }) {
  const [withdrawn, setWithdrawn] = useState(0);
  const slots = useResource(`my-slots:${refreshKey}:${withdrawn}`, (signal) => {
    const from = new Date();
    return listMySlots({ from, to: new Date(from.getTime() + (MAX_LEAD_DAYS + 1) * DAY) }, signal);
  });
  const shown =
    slots.status === 'success' ? slots.data : slots.status === 'loading' ? slots.previous : undefined;

  return (
    <div className="my-slots">
      <h3>Your open slots</h3>
      {slots.status === 'error' ? (
        <ErrorState title="Could not load your slots" error={slots.error} onRetry={slots.retry} />
      ) : !shown ? (
        <LoadingState label="Loading your slots…" />
      ) : shown.length === 0 ? (
        <p className="muted">None right now. Slots you offer wait here until someone books them.</p>
      ) : (
        <ul className="compact-list">
          {shown.map((slot) => (
            <li key={slot.id}>
              <OpenSlotRow slot={slot} zone={zone} onWithdrawn={() => setWithdrawn((n) => n + 1)} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function OpenSlotRow({ slot, zone, onWithdrawn }: { slot: Slot; zone: string; onWithdrawn: () => void }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const when = formatDateTime(new Date(slot.startsAt), zone);

  async function withdraw() {
    setPending(true);
    setError(null);
    try {
      await withdrawSlot(slot.id);
      onWithdrawn();
    } catch (caught) {
      setError(toApiRequestError(caught).message);
      setPending(false);
    }
  }

  return (
    <div className="compact-row">
      <div>
        <p className="compact-row__title">{when}</p>
        <p className="compact-row__meta">
          {formatDuration(slot.durationMinutes)} · {FORMAT_LABELS[slot.format]}
        </p>
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
      </div>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={withdraw}
        disabled={pending}
      >
        Withdraw<span className="visually-hidden"> the slot on {when}</span>
      </button>
    </div>
  );
}

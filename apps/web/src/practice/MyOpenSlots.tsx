import { MAX_LEAD_DAYS } from '@mockboard/contracts';
import { listMySlots, withdrawSlot } from '../api/slots';
import { FORMAT_LABELS } from '../components/labels';
import { formatDuration } from '../time/format';
import { CancellableList } from './CancellableList';

const DAY = 24 * 60 * 60_000;

/** The user's own slots nobody has booked yet, each with Withdraw. */
export function MyOpenSlots({ zone, refreshKey }: { zone: string; refreshKey: number }) {
  return (
    <CancellableList
      title="Your open slots"
      resourceKey={`my-slots:${refreshKey}`}
      load={(signal) => {
        const from = new Date();
        return listMySlots({ from, to: new Date(from.getTime() + (MAX_LEAD_DAYS + 1) * DAY) }, signal);
      }}
      loadingLabel="Loading your slots…"
      errorTitle="Could not load your slots"
      emptyText="None right now. Slots you offer wait here until someone books them."
      zone={zone}
      meta={(slot) => `${formatDuration(slot.durationMinutes)} · ${FORMAT_LABELS[slot.format]}`}
      cancelLabel="Withdraw"
      cancelTarget={(when) => `the slot on ${when}`}
      cancel={(slot) => withdrawSlot(slot.id)}
    />
  );
}

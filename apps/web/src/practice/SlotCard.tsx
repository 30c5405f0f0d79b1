import type { OpenSlot } from '@mockboard/contracts';
import { FORMAT_LABELS, TARGET_LEVEL_LABELS } from '../components/labels';
import { useNeedsVerification } from '../account/VerificationRequired';
import { PartnerSummary } from '../components/PartnerSummary';
import { formatDayKey, formatDuration, formatTime } from '../time/format';
import { dateKeyIn } from '../time/zoned-time';

/** Who does what in a single-round slot, from the booker's side. */
export function bookerRoleText(slot: OpenSlot): string | null {
  if (slot.format !== 'single') return null;
  return slot.hostRole === 'interviewer' ? 'They interview you' : 'You interview them';
}

/** The whole plan, for the booking dialog: "Ada interviews first, then you swap." */
export function bookerPlanText(slot: OpenSlot): string {
  const host = slot.host.displayName;
  if (slot.format === 'single') {
    return slot.hostRole === 'interviewer' ? `${host} interviews you.` : `You interview ${host}.`;
  }
  return slot.hostRole === 'interviewer'
    ? `${host} interviews first, then you swap.`
    : `You interview first, then you swap.`;
}

/** The reason every Book is disabled before the address is verified (shown once, by WeekView). */
export const BOOK_NEEDS_VERIFICATION_ID = 'book-needs-verification';

/** One open slot in the week view: when, how long, what format, who hosts, and Book. */
export function SlotCard({ slot, zone, onBook }: { slot: OpenSlot; zone: string; onBook: () => void }) {
  const needsVerification = useNeedsVerification();
  const start = new Date(slot.startsAt);
  const time = formatTime(start, zone);
  const role = bookerRoleText(slot);
  return (
    <article className="slot-card">
      <p className="slot-card__time">
        <time dateTime={slot.startsAt}>{time}</time>–{formatTime(new Date(slot.endsAt), zone)}
      </p>
      <p className="slot-card__meta">
        <span className="slot-card__fact">
          {formatDuration(slot.durationMinutes)} · {FORMAT_LABELS[slot.format]}
        </span>
        {/* The spaces keep the facts apart for a screen reader; the dots are drawn. */}
        {role && (
          <>
            {' '}
            <span className="slot-card__fact">{role}</span>
          </>
        )}
        {slot.level && (
          <>
            {' '}
            <span className="slot-card__fact">For {TARGET_LEVEL_LABELS[slot.level]}</span>
          </>
        )}
      </p>
      <PartnerSummary partner={slot.host} compact />
      <button
        type="button"
        className="button button--small slot-card__book"
        onClick={onBook}
        disabled={needsVerification}
        aria-describedby={needsVerification ? BOOK_NEEDS_VERIFICATION_ID : undefined}
      >
        Book
        <span className="visually-hidden">
          {' '}
          {time} on {formatDayKey(dateKeyIn(start, zone))} with {slot.host.displayName}
        </span>
      </button>
    </article>
  );
}

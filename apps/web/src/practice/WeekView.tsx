import { MAX_LEAD_DAYS, TargetLevelSchema, type OpenSlot } from '@mockboard/contracts';
import { useRef, useState } from 'react';
import { listOpenSlots } from '../api/slots';
import { LevelSelect } from '../components/LevelSelect';
import { EmptyState, ErrorState, LoadingState } from '../components/StatusViews';
import { latestData, useResource } from '../hooks/useResource';
import { formatDayKey, formatDayMonth, formatWeekday, zoneName } from '../time/format';
import { addDays, dateKeyIn, startOfDay, weekFrom, type DateKey } from '../time/zoned-time';
import { BookSlotDialog } from './BookSlotDialog';
import { BOOK_NEEDS_VERIFICATION_ID, SlotCard } from './SlotCard';
import { VerificationRequired } from '../account/VerificationRequired';

const LAST_WEEK = Math.floor(MAX_LEAD_DAYS / 7);

interface WeekViewProps {
  zone: string;
  /** Changes whenever slots may have changed elsewhere (a booking, a notification). */
  refreshKey: number;
  onBooked: () => void;
}

/**
 * A week of other people's open slots, one row per day (week.css lays the rows out), starting
 * today in the user's zone (past days hold nothing to book); days are cut at midnight in that
 * zone, not the device's.
 */
export function WeekView({ zone, refreshKey, onBooked }: WeekViewProps) {
  const [week, setWeek] = useState(0);
  const [level, setLevel] = useState('');
  const [booking, setBooking] = useState<OpenSlot | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const today = dateKeyIn(new Date(), zone);
  const first = addDays(today, week * 7);
  const days = weekFrom(first);
  const parsedLevel = TargetLevelSchema.safeParse(level);
  const slots = useResource(`open-slots:${zone}:${first}:${level}:${refreshKey}`, (signal) =>
    listOpenSlots(
      {
        from: startOfDay(first, zone),
        to: startOfDay(addDays(first, 7), zone),
        level: parsedLevel.success ? parsedLevel.data : undefined,
      },
      signal,
    ),
  );
  const shown = latestData(slots);
  const byDay = groupByDay(shown ?? [], zone);
  const rangeText = `${formatDayKey(days[0] ?? first)} – ${formatDayKey(days[6] ?? first)}`;

  return (
    <section className="week" aria-labelledby="week-title">
      <div className="week__toolbar">
        <div>
          <h2 id="week-title" ref={heading} tabIndex={-1}>
            Book a partner
          </h2>
          <p className="week__zone">Times in {zoneName(zone)}</p>
        </div>
        <div className="week__controls">
          <div className="week__nav">
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => setWeek((n) => n - 1)}
              disabled={week === 0}
            >
              <span aria-hidden="true">←</span> Previous<span className="visually-hidden"> week</span>
            </button>
            <p className="week__range" aria-live="polite">
              {week === 0 ? 'Next 7 days' : rangeText}
              {week === 0 && <span className="week__range-dates">{rangeText}</span>}
            </p>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => setWeek((n) => n + 1)}
              disabled={week >= LAST_WEEK}
            >
              Next<span className="visually-hidden"> week</span> <span aria-hidden="true">→</span>
            </button>
          </div>
          <LevelSelect
            label="Level"
            anyLabel="All levels"
            className="input--small"
            value={level}
            onChange={setLevel}
          />
        </div>
      </div>

      <VerificationRequired id={BOOK_NEEDS_VERIFICATION_ID} action="book a partner" />

      {slots.status === 'error' ? (
        <ErrorState title="Could not load open slots" error={slots.error} onRetry={slots.retry} />
      ) : !shown ? (
        <LoadingState label="Loading open slots…" />
      ) : shown.length === 0 ? (
        <EmptyState title="No open slots this week — offer one or request a match">
          <p>
            Offer a time below and a partner can book it, or request a match and we pair you with someone who
            wants the same time.
          </p>
        </EmptyState>
      ) : (
        <ol className="week__days" aria-busy={slots.status === 'loading'}>
          {days.map((day) => (
            <DayColumn
              key={day}
              day={day}
              isToday={day === today}
              slots={byDay.get(day) ?? []}
              zone={zone}
              onBook={setBooking}
            />
          ))}
        </ol>
      )}

      {booking && (
        <BookSlotDialog
          slot={booking}
          zone={zone}
          onBooked={onBooked}
          onClose={(changed) => {
            setBooking(null);
            if (!changed) return;
            slots.retry();
            // The slot's Book button, where focus would go back, leaves with the slot: keyboard
            // users go on from the week's heading rather than from the top of the page.
            requestAnimationFrame(() => heading.current?.focus());
          }}
        />
      )}
    </section>
  );
}

interface DayColumnProps {
  day: DateKey;
  isToday: boolean;
  slots: OpenSlot[];
  zone: string;
  onBook: (slot: OpenSlot) => void;
}

function DayColumn({ day, isToday, slots, zone, onBook }: DayColumnProps) {
  return (
    <li className={`week__day${slots.length === 0 ? ' week__day--empty' : ''}`}>
      <h3 className="week__day-title">
        <span className="week__weekday">{isToday ? 'Today' : formatWeekday(day)}</span>
        <span className="week__date">{formatDayMonth(day)}</span>
      </h3>
      {slots.length === 0 ? (
        <p className="week__none">No slots</p>
      ) : (
        <ul className="week__slots">
          {slots.map((slot) => (
            <li key={slot.id}>
              <SlotCard slot={slot} zone={zone} onBook={() => onBook(slot)} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function groupByDay(slots: OpenSlot[], zone: string): Map<DateKey, OpenSlot[]> {
  const byDay = new Map<DateKey, OpenSlot[]>();
  const sorted = [...slots].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  for (const slot of sorted) {
    const day = dateKeyIn(new Date(slot.startsAt), zone);
    byDay.set(day, [...(byDay.get(day) ?? []), slot]);
  }
  return byDay;
}

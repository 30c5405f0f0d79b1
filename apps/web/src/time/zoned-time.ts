/**
 * Calendar arithmetic in a named IANA time zone, with Intl only (no date library). A `DateKey` is a
 * day as people write it ("2026-11-26") and belongs to no zone until paired with one.
 */
export type DateKey = string;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** What a clock on the wall in `zone` shows at `instant`. */
export function wallClockIn(instant: Date, zone: string): WallClock {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of wallClockFormatter(zone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    // Some engines still write midnight as "24" even with h23.
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const pad = (value: number): string => String(value).padStart(2, '0');

export function dateKeyIn(instant: Date, zone: string): DateKey {
  const { year, month, day } = wallClockIn(instant, zone);
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** "18:45" */
export function timeOfDayIn(instant: Date, zone: string): string {
  const { hour, minute } = wallClockIn(instant, zone);
  return `${pad(hour)}:${pad(minute)}`;
}

/** How far `zone` is ahead of UTC at `instant`, in milliseconds (India: +5:30 → 19 800 000). */
function offsetAt(instant: Date, zone: string): number {
  const wall = wallClockIn(instant, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

function parseDateKey(day: DateKey): [number, number, number] {
  const [year = NaN, month = NaN, date = NaN] = day.split('-').map(Number);
  return [year, month, date];
}

/**
 * The instant at which clocks in `zone` show `day` at `time` ("HH:MM"). Offsets change at most
 * once around a given moment, so a second pass settles it. In a spring-forward gap (02:30 that
 * never happens) the result is the same moment an hour later on the wall clock, as calendars do.
 */
export function zonedTimeToInstant(day: DateKey, time: string, zone: string): Date {
  const [year, month, date] = parseDateKey(day);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const asUtc = Date.UTC(year, month - 1, date, hour, minute);
  const first = asUtc - offsetAt(new Date(asUtc), zone);
  const second = asUtc - offsetAt(new Date(first), zone);
  return new Date(second);
}

export function startOfDay(day: DateKey, zone: string): Date {
  return zonedTimeToInstant(day, '00:00', zone);
}

export function addDays(day: DateKey, days: number): DateKey {
  const [year, month, date] = parseDateKey(day);
  return new Date(Date.UTC(year, month - 1, date) + days * DAY).toISOString().slice(0, 10);
}

/** The seven days starting with `first`. */
export function weekFrom(first: DateKey): DateKey[] {
  return Array.from({ length: 7 }, (_, index) => addDays(first, index));
}

/** "00:00", "00:15", … "23:45": the start times the API accepts. */
export function quarterHours(): string[] {
  return Array.from({ length: 96 }, (_, index) => `${pad(Math.floor(index / 4))}:${pad((index % 4) * 15)}`);
}

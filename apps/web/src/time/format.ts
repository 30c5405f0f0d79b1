import { type DateKey } from './zoned-time';
import { currentZoneName } from './zone-names';

/**
 * How times and dates read on screen: in the user's "Date and time format" (a language tag saved
 * in the profile), else in the browser's language, so a US reader sees "3:00 PM" and "Nov 26" and
 * a British one "15:00" and "26 Nov". Every page formats through this module. The zone is a
 * separate choice (the profile's time zone), named beside a time wherever it stands on its own.
 */
let chosenLocale: string | null = null;

/**
 * Set from the signed-in user (null: the browser's language). Module state rather than a React
 * context because plain helpers format times all over the app; the AuthProvider sets it before
 * its children render, and a change of user re-renders them.
 */
export function setDateTimeLocale(locale: string | null): void {
  chosenLocale = locale;
}

/** The language tag times are written in now, e.g. "en-US". */
export function dateTimeLocale(): string {
  return chosenLocale ?? browserLanguage();
}

/** The browser's language ("en-US"); en-US outside a browser, as Intl would pick. */
export function browserLanguage(): string {
  return (typeof navigator !== 'undefined' && navigator.language) || 'en-US';
}

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const locale = dateTimeLocale();
  const key = `${locale}|${zone}|${JSON.stringify(options)}`;
  let found = cache.get(key);
  if (!found) {
    const withClock = options.minute ? { ...options, hour: hourStyle(locale) } : options;
    try {
      found = new Intl.DateTimeFormat(locale, { timeZone: zone, ...withClock });
    } catch {
      // A tag this browser cannot read (saved in another one) must not take every page down.
      found = new Intl.DateTimeFormat(undefined, { timeZone: zone, ...withClock });
    }
    cache.set(key, found);
  }
  return found;
}

/**
 * "2-digit" where the locale writes 09:05 (en-GB, de-DE), "numeric" where it writes 9:05 AM
 * (en-US). Intl only follows the locale's own pattern with timeStyle, which cannot be combined
 * with a weekday, so the short time style is asked how it writes the hour.
 */
function hourStyle(locale: string): '2-digit' | 'numeric' {
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: 'UTC' }).formatToParts(
      new Date('2026-01-01T09:05:00Z'),
    );
    return parts.find((part) => part.type === 'hour')?.value.length === 2 ? '2-digit' : 'numeric';
  } catch {
    return 'numeric';
  }
}

// Hours as the locale writes them (see hourStyle), two-digit minutes: "3:00 PM" or "15:00".
const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
const DAY: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };
const DATE_TIME: Intl.DateTimeFormatOptions = { ...DAY, year: 'numeric', ...TIME };

/** Noon UTC of a calendar day: the same day in every zone's reading of it. */
const noonOf = (day: DateKey) => new Date(`${day}T12:00:00Z`);

/** "Asia/Calcutta" → "Asia/Kolkata"; "America/Los_Angeles" → "America/Los Angeles". */
export function zoneName(zone: string): string {
  return currentZoneName(zone).replaceAll('_', ' ');
}

/** "3:00 PM" / "15:00" */
export function formatTime(instant: Date, zone: string): string {
  return formatter(zone, TIME).format(instant);
}

/**
 * An instant in the room, by the clock this screen shows (the device's zone), in the user's format:
 * what is said and revealed live is timed as the people in the room see their own clocks.
 */
export function formatTimeOnThisScreen(iso: string): string {
  return formatTime(new Date(iso), Intl.DateTimeFormat().resolvedOptions().timeZone);
}

/** A wall-clock "HH:MM" (as the API and the time pickers hold it) written in the user's format: "7:00 PM". */
export function formatTimeOfDay(time: string): string {
  return formatTime(new Date(`1970-01-01T${time}:00Z`), 'UTC');
}

/** "Thu, Nov 26" / "Thu 26 Nov" for a calendar day. */
export function formatDayKey(day: DateKey): string {
  return formatter('UTC', DAY).format(noonOf(day));
}

/** "Thursday" for a calendar day. */
export function formatWeekday(day: DateKey): string {
  return formatter('UTC', { weekday: 'long' }).format(noonOf(day));
}

/** "Nov 26" / "26 Nov" for a calendar day. */
export function formatDayMonth(day: DateKey): string {
  return formatShortDate(noonOf(day), 'UTC');
}

/** "Nov 26" / "26 Nov" for the day an instant falls on in `zone`. */
export function formatShortDate(instant: Date, zone: string): string {
  return formatter(zone, { day: 'numeric', month: 'short' }).format(instant);
}

/** "November 26, 2026" / "26 November 2026" */
export function formatLongDate(instant: Date, zone: string): string {
  return formatter(zone, { dateStyle: 'long' }).format(instant);
}

/** "Thu, Nov 26, 2026, 3:00 PM" / "Thu 26 Nov 2026, 15:00" */
export function formatDateTime(instant: Date, zone: string): string {
  return formatter(zone, DATE_TIME).format(instant);
}

/**
 * "Thu, Nov 26, 2026, 3:00 – 4:30 PM" / "Thu 26 Nov 2026, 15:00–16:30", with both days when it
 * runs past midnight: Intl's range format leaves out what the two ends share.
 */
export function formatRange(start: Date, end: Date, zone: string): string {
  return formatter(zone, DATE_TIME).formatRange(start, end);
}

/** "90 min", "1 h", "1 h 30 min" */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** A countdown that gets finer as the moment approaches: "2 d 4 h", "3 h 05 min", "4 min 09 s". */
export function formatCountdown(milliseconds: number): string {
  const totalSeconds = Math.max(0, Math.floor(milliseconds / 1000));
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const two = (value: number) => String(value).padStart(2, '0');
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${two(minutes)} min`;
  return `${minutes} min ${two(seconds)} s`;
}

/** "4:59" for short waits such as practise-now. */
export function formatClock(milliseconds: number): string {
  const totalSeconds = Math.max(0, Math.ceil(milliseconds / 1000));
  return `${Math.floor(totalSeconds / 60)}:${String(totalSeconds % 60).padStart(2, '0')}`;
}

/** " (Asia/Kolkata)": appended wherever a time stands on its own. */
export function timeZoneSuffix(zone: string): string {
  return ` (${zoneName(zone)})`;
}

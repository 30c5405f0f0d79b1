import { type DateKey } from './zonedTime';

/**
 * How times read on screen: 24-hour clock and day-month order, as in the server's notifications
 * ("Thu 26 Nov 2026, 16:30 (Asia/Kolkata)"), so an email and the page never disagree.
 */
const LOCALE = 'en-GB';

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`;
  let found = cache.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(LOCALE, { timeZone: zone, ...options });
    cache.set(key, found);
  }
  return found;
}

const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const DAY: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };

/** "Thu 26 Nov" or "Thu 26 Nov 2026", built from parts: ICU versions disagree on the commas. */
function dayText(instant: Date, zone: string, withYear: boolean): string {
  const parts = formatter(zone, withYear ? { ...DAY, year: 'numeric' } : DAY).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return [part('weekday'), part('day'), part('month'), withYear ? part('year') : '']
    .filter(Boolean)
    .join(' ');
}

/**
 * Old names that ICU (so Chromium) still reports as canonical, with the names people know today.
 * Both work in Intl; only the label changes.
 */
const RENAMED_ZONES: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Europe/Kiev': 'Europe/Kyiv',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** "Asia/Calcutta" → "Asia/Kolkata"; "America/Los_Angeles" → "America/Los Angeles". */
export function zoneName(zone: string): string {
  return (RENAMED_ZONES[zone] ?? zone).replaceAll('_', ' ');
}

/** "16:30" */
export function formatTime(instant: Date, zone: string): string {
  return formatter(zone, TIME).format(instant);
}

/** "Thu 26 Nov" for a calendar day. */
export function formatDayKey(day: DateKey): string {
  return dayText(new Date(`${day}T12:00:00Z`), 'UTC', false);
}

/** "Thursday" for a calendar day. */
export function formatWeekday(day: DateKey): string {
  return formatter('UTC', { weekday: 'long' }).format(new Date(`${day}T12:00:00Z`));
}

/** "26 Nov" for a calendar day. */
export function formatDayMonth(day: DateKey): string {
  const parts = formatter('UTC', { day: 'numeric', month: 'short' }).formatToParts(
    new Date(`${day}T12:00:00Z`),
  );
  return ['day', 'month'].map((type) => parts.find((part) => part.type === type)?.value ?? '').join(' ');
}

/** "Thu 26 Nov 2026, 16:30" */
export function formatDateTime(instant: Date, zone: string): string {
  return `${dayText(instant, zone, true)}, ${formatTime(instant, zone)}`;
}

/** "Thu 26 Nov 2026, 16:30–18:00", or with both days when it runs past midnight. */
export function formatRange(start: Date, end: Date, zone: string): string {
  const sameDay = dayText(start, zone, true) === dayText(end, zone, true);
  return sameDay
    ? `${formatDateTime(start, zone)}–${formatTime(end, zone)}`
    : `${formatDateTime(start, zone)} – ${formatDateTime(end, zone)}`;
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

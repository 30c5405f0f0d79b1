import { isIanaTimeZone } from '@mockboard/contracts';

export interface TimeZoneOption {
  id: string;
  /** e.g. "America/New York (GMT-5)" */
  label: string;
  /** Lower-case text the filter matches against. */
  searchText: string;
}

let cached: TimeZoneOption[] | undefined;

/** Every zone the browser knows that the API also accepts, with its current UTC offset. */
export function timeZoneOptions(): TimeZoneOption[] {
  if (cached) return cached;
  // supportedValuesOf is missing in browsers older than 2022; they still get their own zone and UTC.
  const listed =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [browserTimeZone()];
  const zones = new Set(listed.filter(isIanaTimeZone));
  // Some engines leave UTC out of supportedValuesOf; it is the most useful fallback, so keep it.
  zones.add('UTC');
  const now = new Date();
  cached = [...zones].sort().map((id) => {
    const label = `${id.replaceAll('_', ' ')} (${utcOffset(id, now)})`;
    return { id, label, searchText: label.toLowerCase() };
  });
  return cached;
}

function utcOffset(zone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    timeZoneName: 'shortOffset',
  }).formatToParts(at);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
}

/** The browser's own zone when the API would accept it, else UTC. */
export function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isIanaTimeZone(zone) ? zone : 'UTC';
}

export function filterTimeZones(options: TimeZoneOption[], query: string): TimeZoneOption[] {
  const words = query.toLowerCase().replaceAll('_', ' ').split(/\s+/).filter(Boolean);
  if (words.length === 0) return options;
  return options.filter((option) => words.every((word) => option.searchText.includes(word)));
}

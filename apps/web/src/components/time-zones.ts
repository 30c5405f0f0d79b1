import { isIanaTimeZone } from '@mockboard/contracts';
import { browserLanguage } from '../time/format';
import { currentZoneName } from '../time/zone-names';
import { timeZoneOptionsFor, type TimeZoneOption } from '../time/zone-search';

export type { TimeZoneOption };

let cached: TimeZoneOption[] | undefined;

/** Every zone the browser knows that the API also accepts, by current name, with its UTC offset. */
export function timeZoneOptions(): TimeZoneOption[] {
  if (cached) return cached;
  // supportedValuesOf is missing in browsers older than 2022; they still get their own zone and UTC.
  const listed =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [browserTimeZone()];
  // Some engines leave UTC out of supportedValuesOf; it is the most useful fallback, so keep it.
  const zones = [...listed.filter(isIanaTimeZone), 'UTC'];
  // Countries are searchable in English and in the browser's language ("Indien" in German).
  cached = timeZoneOptionsFor(zones, new Date(), [browserLanguage()]);
  return cached;
}

/** The browser's own zone, by its current name, when the API would accept it; else UTC. */
export function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isIanaTimeZone(zone) ? currentZoneName(zone) : 'UTC';
}

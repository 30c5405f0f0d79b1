import { currentZoneName, legacyZoneNames, otherCityNames, zoneCity, zoneCountry } from './zone-names';

export interface TimeZoneOption {
  /** The current IANA name ("Asia/Kolkata"), also when the browser lists the legacy one. */
  id: string;
  /** e.g. "America/New York (GMT-5)" */
  label: string;
  /** Lower-case text the filter matches against: names old and new, other cities, country, offset. */
  searchText: string;
  /** Lower-case city of the current name, so typing a city puts that city's zone first. */
  city: string;
}

/**
 * One option per zone, by current name, sorted by name. `countryLanguages` are the languages the
 * country is also searchable in (English always, so "India" works in a German browser too).
 */
export function timeZoneOptionsFor(
  zones: readonly string[],
  at: Date,
  countryLanguages: string[] = [],
): TimeZoneOption[] {
  const countryNames = countryNamers(['en', ...countryLanguages]);
  const current = [...new Set(zones.map(currentZoneName))].sort();
  return current.map((id) => {
    const label = `${id.replaceAll('_', ' ')} (${utcOffset(id, at)})`;
    const country = zoneCountry(id);
    const searchable = [
      label,
      ...legacyZoneNames(id),
      otherCityNames(id),
      ...(country ? countryNames.map((name) => name(country)) : []),
    ];
    return {
      id,
      label,
      searchText: normalise(searchable.join(' | ')),
      city: normalise(zoneCity(id)),
    };
  });
}

/**
 * The options matching every word of `query` (in any order; case, accents and underscores aside),
 * best first: the zone named after that very city, then whole-word matches (a country, an old
 * name: "India" before "Indianapolis"), then cities that start with the query, then the rest.
 */
export function searchTimeZones(options: readonly TimeZoneOption[], query: string): TimeZoneOption[] {
  const wanted = normalise(query).trim().replace(/\s+/g, ' ');
  const words = wanted.split(' ').filter(Boolean);
  if (words.length === 0) return [...options];
  const matches = options.filter((option) => words.every((word) => option.searchText.includes(word)));
  const wholeWord = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(wanted)}($|[^\\p{L}\\p{N}])`, 'u');
  const rank = (option: TimeZoneOption) =>
    option.city === wanted
      ? 0
      : wholeWord.test(option.searchText)
        ? 1
        : option.city.startsWith(wanted)
          ? 2
          : 3;
  // Array.prototype.sort is stable, so equal ranks keep the alphabetical order.
  return matches.sort((a, b) => rank(a) - rank(b));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Lower case, no accents ("São Paulo" → "sao paulo"), underscores as spaces. */
function normalise(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replaceAll('_', ' ');
}

function countryNamers(languages: string[]): ((code: string) => string)[] {
  const unique = [...new Set(languages)];
  return unique.flatMap((language) => {
    try {
      const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
      return [(code: string) => names.of(code) ?? ''];
    } catch {
      return [];
    }
  });
}

/** "GMT+5:30", as the zone stands at `at`. */
function utcOffset(zone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    timeZoneName: 'shortOffset',
  }).formatToParts(at);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
}

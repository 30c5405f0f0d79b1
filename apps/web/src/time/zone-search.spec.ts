import { timeZoneOptionsFor, searchTimeZones, type TimeZoneOption } from './zone-search';
import { currentZoneName, legacyZoneNames, zoneCountry } from './zone-names';
import { ZONES_BY_COUNTRY } from './zone-countries';

// The names Chromium lists (ICU keeps the pre-rename ones), as a browser hands them to the picker.
const BROWSER_ZONES = Intl.supportedValuesOf('timeZone');
const AT = new Date('2026-11-26T12:00:00Z');
const options = timeZoneOptionsFor(BROWSER_ZONES, AT);
const ids = (found: TimeZoneOption[]) => found.map((option) => option.id);

describe('finding a time zone', () => {
  it.each([
    ['Kolkata', 'Asia/Kolkata'],
    ['Calcutta', 'Asia/Kolkata'],
    ['India', 'Asia/Kolkata'],
    ['Mumbai', 'Asia/Kolkata'],
    ['Kyiv', 'Europe/Kyiv'],
    ['Kiev', 'Europe/Kyiv'],
    ['Ukraine', 'Europe/Kyiv'],
    ['Ho Chi Minh City', 'Asia/Ho_Chi_Minh'],
    ['ho_chi_minh', 'Asia/Ho_Chi_Minh'],
    ['Saigon', 'Asia/Ho_Chi_Minh'],
    ['Vietnam', 'Asia/Ho_Chi_Minh'],
    ['Kathmandu', 'Asia/Kathmandu'],
    ['Nepal', 'Asia/Kathmandu'],
    ['Yangon', 'Asia/Yangon'],
    ['Rangoon', 'Asia/Yangon'],
    ['Nuuk', 'America/Nuuk'],
    ['Buenos Aires', 'America/Argentina/Buenos_Aires'],
    ['Argentina', 'America/Argentina/Buenos_Aires'],
    ['sao paulo', 'America/Sao_Paulo'],
    ['São Paulo', 'America/Sao_Paulo'],
    ['Japan', 'Asia/Tokyo'],
    ['united kingdom', 'Europe/London'],
  ])('finds "%s" as %s, first', (query, zone) => {
    const found = searchTimeZones(options, query);
    expect(found[0]?.id).toBe(zone);
  });

  it('shows the current name, never the legacy one the browser reports', () => {
    expect(BROWSER_ZONES).toContain('Asia/Calcutta');
    expect(ids(options)).toContain('Asia/Kolkata');
    expect(ids(options)).not.toContain('Asia/Calcutta');
    const kolkata = options.find((option) => option.id === 'Asia/Kolkata');
    expect(kolkata?.label).toBe('Asia/Kolkata (GMT+5:30)');
    expect(searchTimeZones(options, 'Ho Chi Minh')[0]?.label).toBe('Asia/Ho Chi Minh (GMT+7)');
  });

  it('lists a zone once even when the browser gives both of its names', () => {
    const both = timeZoneOptionsFor(['Europe/Kiev', 'Europe/Kyiv', 'UTC'], AT);
    expect(ids(both)).toEqual(['Europe/Kyiv', 'UTC']);
  });

  it('puts the city or country the query names before zones that merely contain it', () => {
    expect(ids(searchTimeZones(options, 'India')).slice(0, 2)).toEqual([
      'Asia/Kolkata',
      'America/Indiana/Indianapolis',
    ]);
    expect(searchTimeZones(options, 'lond')[0]?.id).toBe('Europe/London');
    expect(ids(searchTimeZones(options, 'united states'))).toEqual(
      expect.arrayContaining(['America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu']),
    );
  });

  it('finds by offset and needs every word to match', () => {
    expect(ids(searchTimeZones(options, 'gmt+5:30'))).toEqual(['Asia/Colombo', 'Asia/Kolkata']);
    expect(searchTimeZones(options, 'india tokyo')).toEqual([]);
    expect(searchTimeZones(options, 'Atlantis')).toEqual([]);
    expect(searchTimeZones(options, '   ')).toHaveLength(options.length);
  });

  it('finds a country in the reader’s language as well as in English', () => {
    const german = timeZoneOptionsFor(BROWSER_ZONES, AT, ['de']);
    expect(searchTimeZones(german, 'Indien')[0]?.id).toBe('Asia/Kolkata');
    expect(searchTimeZones(german, 'India')[0]?.id).toBe('Asia/Kolkata');
  });
});

describe('zone names', () => {
  it('maps legacy names to current ones and back', () => {
    expect(currentZoneName('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(currentZoneName('Europe/Berlin')).toBe('Europe/Berlin');
    expect(legacyZoneNames('Asia/Kolkata')).toEqual(['Asia/Calcutta']);
    expect(legacyZoneNames('Asia/Calcutta')).toEqual(['Asia/Calcutta']);
  });

  it('knows the country of every zone the browser lists, by its current name', () => {
    const withoutCountry = BROWSER_ZONES.filter((zone) => zone !== 'UTC' && zoneCountry(zone) === null);
    expect(withoutCountry).toEqual([]);
    expect(zoneCountry('Asia/Saigon')).toBe('VN');
    expect(zoneCountry('UTC')).toBeNull();
  });

  it('names only zones the runtime knows, each under one country', () => {
    const all = Object.values(ZONES_BY_COUNTRY).flatMap((zones) => zones.split(' '));
    expect(new Set(all).size).toBe(all.length);
    for (const zone of all) expect(() => new Intl.DateTimeFormat('en', { timeZone: zone })).not.toThrow();
  });
});

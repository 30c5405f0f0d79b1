import {
  dateTimeLocale,
  formatDateTime,
  formatDayKey,
  formatDayMonth,
  formatLongDate,
  formatRange,
  formatShortDate,
  formatTime,
  formatTimeOfDay,
  setDateTimeLocale,
  timeZoneSuffix,
  zoneName,
} from './format';

// ICU writes a narrow no-break space before AM/PM; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
const AFTERNOON = new Date('2026-11-26T15:00:00Z');
const LATER = new Date('2026-11-26T16:30:00Z');

describe('times and dates in the user’s format', () => {
  afterEach(() => setDateTimeLocale(null));

  it('writes a US reader a 12-hour clock and month-first dates', () => {
    setDateTimeLocale('en-US');
    expect(plain(formatTime(AFTERNOON, 'UTC'))).toBe('3:00 PM');
    expect(plain(formatTimeOfDay('19:00'))).toBe('7:00 PM');
    expect(plain(formatTimeOfDay('09:05'))).toBe('9:05 AM');
    expect(formatDayKey('2026-11-26')).toBe('Thu, Nov 26');
    expect(formatDayMonth('2026-11-26')).toBe('Nov 26');
    expect(plain(formatDateTime(AFTERNOON, 'UTC'))).toBe('Thu, Nov 26, 2026, 3:00 PM');
    expect(formatLongDate(AFTERNOON, 'UTC')).toBe('November 26, 2026');
  });

  it('writes a British reader a 24-hour clock and day-first dates', () => {
    setDateTimeLocale('en-GB');
    expect(formatTime(AFTERNOON, 'UTC')).toBe('15:00');
    expect(formatTimeOfDay('09:15')).toBe('09:15');
    expect(formatDayMonth('2026-11-26')).toBe('26 Nov');
    expect(formatDateTime(AFTERNOON, 'UTC')).toMatch(/^Thu,? 26 Nov 2026, 15:00$/);
    expect(formatLongDate(AFTERNOON, 'UTC')).toBe('26 November 2026');
  });

  it('reads the clock in the zone it is given, in the user’s format', () => {
    setDateTimeLocale('en-US');
    expect(plain(formatTime(AFTERNOON, 'Asia/Kolkata'))).toBe('8:30 PM');
    expect(formatShortDate(new Date('2026-11-26T20:00:00Z'), 'Asia/Tokyo')).toBe('Nov 27');
    setDateTimeLocale('de-DE');
    expect(formatTime(AFTERNOON, 'America/New_York')).toBe('10:00');
  });

  it('writes a range once where both ends share the day, and both days past midnight', () => {
    setDateTimeLocale('en-GB');
    expect(formatRange(AFTERNOON, LATER, 'UTC')).toMatch(/26 Nov 2026, 15:00\s?–\s?16:30$/);
    setDateTimeLocale('en-US');
    expect(plain(formatRange(AFTERNOON, LATER, 'UTC'))).toMatch(/Nov 26, 2026, 3:00\s?–\s?4:30 PM$/);
    const overnight = plain(
      formatRange(new Date('2026-11-26T23:00:00Z'), new Date('2026-11-27T00:30:00Z'), 'UTC'),
    );
    expect(overnight).toContain('Nov 26');
    expect(overnight).toContain('Nov 27');
  });

  it('follows the browser’s language until the profile picks a format', () => {
    // Jest runs outside a browser: Intl's default, en-US, stands in for navigator.language.
    expect(dateTimeLocale()).toBe('en-US');
    setDateTimeLocale('fr-FR');
    expect(dateTimeLocale()).toBe('fr-FR');
    expect(formatTime(AFTERNOON, 'UTC')).toBe('15:00');
    setDateTimeLocale(null);
    expect(dateTimeLocale()).toBe('en-US');
  });

  it('falls back instead of failing on a tag this browser cannot read', () => {
    setDateTimeLocale('not a tag');
    expect(formatTime(AFTERNOON, 'UTC')).toMatch(/3:00|15:00/);
  });

  it('names zones by their current names', () => {
    expect(zoneName('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(zoneName('America/Los_Angeles')).toBe('America/Los Angeles');
    expect(timeZoneSuffix('Europe/Kiev')).toBe(' (Europe/Kyiv)');
  });
});

import { formatInZone } from './format-in-zone';

describe('formatInZone', () => {
  const instant = new Date('2026-11-26T11:00:00Z');
  // ICU writes a narrow no-break space before AM/PM.
  const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

  it('shows one instant in each reader’s zone, naming the zone', () => {
    expect(formatInZone(instant, 'Asia/Kolkata')).toBe('Thu 26 Nov 2026, 16:30 (Asia/Kolkata)');
    expect(formatInZone(instant, 'America/Los_Angeles')).toBe('Thu 26 Nov 2026, 03:00 (America/Los_Angeles)');
    expect(formatInZone(instant, 'UTC')).toBe('Thu 26 Nov 2026, 11:00 (UTC)');
  });

  it('writes it in the reader’s date and time format when they chose one', () => {
    expect(plain(formatInZone(instant, 'Asia/Kolkata', 'en-US'))).toBe(
      'Thu, Nov 26, 2026, 4:30 PM (Asia/Kolkata)',
    );
    expect(formatInZone(instant, 'UTC', 'de-DE')).toMatch(/26\. Nov\. 2026, 11:00 \(UTC\)$/);
    expect(formatInZone(instant, 'UTC', null)).toBe('Thu 26 Nov 2026, 11:00 (UTC)');
    expect(formatInZone(instant, 'UTC', 'not a tag')).toBe('Thu 26 Nov 2026, 11:00 (UTC)');
  });
});

import { formatInZone } from './format-in-zone';

describe('formatInZone', () => {
  const instant = new Date('2026-11-26T11:00:00Z');

  it('shows one instant in each reader’s zone, naming the zone', () => {
    expect(formatInZone(instant, 'Asia/Kolkata')).toBe('Thu 26 Nov 2026, 16:30 (Asia/Kolkata)');
    expect(formatInZone(instant, 'America/Los_Angeles')).toBe('Thu 26 Nov 2026, 03:00 (America/Los_Angeles)');
    expect(formatInZone(instant, 'UTC')).toBe('Thu 26 Nov 2026, 11:00 (UTC)');
  });
});

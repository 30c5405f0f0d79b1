import { describeLead, dueReminderOffset } from './reminders';

const START = new Date('2026-12-08T17:00:00Z');
const minutesBefore = (minutes: number) => new Date(START.getTime() - minutes * 60_000);

describe('dueReminderOffset', () => {
  const offsets = [24 * 60, 60];
  /** Booked long before any reminder's moment. */
  const BOOKED = minutesBefore(7 * 24 * 60);

  it('has nothing due before the longest offset', () => {
    expect(dueReminderOffset(START, BOOKED, minutesBefore(24 * 60 + 1), offsets)).toBeNull();
  });

  it('is the 24-hour reminder from 24 hours before until 1 hour before', () => {
    expect(dueReminderOffset(START, BOOKED, minutesBefore(24 * 60), offsets)).toBe(24 * 60);
    expect(dueReminderOffset(START, BOOKED, minutesBefore(61), offsets)).toBe(24 * 60);
  });

  it('is only the nearest one when several are due at once (the sweep was down past both)', () => {
    expect(dueReminderOffset(START, BOOKED, minutesBefore(60), offsets)).toBe(60);
    expect(dueReminderOffset(START, BOOKED, minutesBefore(30), offsets)).toBe(60);
  });

  it('is nothing when its moment came before the booking or the last move (that mail said it)', () => {
    // Booked 10 hours ahead: no 24-hour reminder, ever; the 1-hour one when its moment comes.
    const bookedTenHoursAhead = minutesBefore(10 * 60);
    expect(dueReminderOffset(START, bookedTenHoursAhead, minutesBefore(10 * 60 - 1), offsets)).toBeNull();
    expect(dueReminderOffset(START, bookedTenHoursAhead, minutesBefore(61), offsets)).toBeNull();
    expect(dueReminderOffset(START, bookedTenHoursAhead, minutesBefore(60), offsets)).toBe(60);
    // Booked 30 hours ahead: the 24-hour reminder when due.
    const bookedThirtyHoursAhead = minutesBefore(30 * 60);
    expect(dueReminderOffset(START, bookedThirtyHoursAhead, minutesBefore(24 * 60), offsets)).toBe(24 * 60);
    // Booked (or moved) 40 minutes ahead: past both moments, so nothing at all.
    expect(dueReminderOffset(START, minutesBefore(40), minutesBefore(39), offsets)).toBeNull();
    // A moment exactly at the agreement is not after it.
    expect(dueReminderOffset(START, minutesBefore(60), minutesBefore(59), offsets)).toBeNull();
  });

  it('is nothing once the session has started', () => {
    expect(dueReminderOffset(START, BOOKED, START, offsets)).toBeNull();
    expect(dueReminderOffset(START, BOOKED, minutesBefore(-5), offsets)).toBeNull();
  });

  it('is nothing when no reminders are configured, whatever the order of the offsets', () => {
    expect(dueReminderOffset(START, BOOKED, minutesBefore(10), [])).toBeNull();
    expect(dueReminderOffset(START, BOOKED, minutesBefore(10), [60, 24 * 60, 30])).toBe(30);
  });
});

describe('describeLead', () => {
  it('says minutes under an hour, whole hours from then on', () => {
    expect(describeLead(START, minutesBefore(1))).toBe('in 1 minute');
    expect(describeLead(START, minutesBefore(25))).toBe('in 25 minutes');
    expect(describeLead(START, minutesBefore(59))).toBe('in 59 minutes');
    expect(describeLead(START, minutesBefore(60))).toBe('in 1 hour');
    expect(describeLead(START, minutesBefore(100))).toBe('in 2 hours');
    expect(describeLead(START, minutesBefore(24 * 60 - 1))).toBe('in 24 hours');
  });
});

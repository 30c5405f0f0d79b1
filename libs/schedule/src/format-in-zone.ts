/**
 * An instant as a person in `timeZone` reads it, with the zone named so nobody guesses:
 * "Thu 26 Nov 2026, 16:30 (Asia/Kolkata)".
 */
export function formatInZone(instant: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  return `${text} (${timeZone})`;
}

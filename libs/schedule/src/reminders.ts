/**
 * Which reminder before a session is due now. Reminders go out at fixed offsets before the start
 * (e.g. 24 h and 1 h). When several are due at once — a session booked 30 minutes ahead is past
 * both its 24-hour and its 1-hour moments — only the nearest is sent: two mails saying the same
 * thing within a second help nobody. The ones passed over are simply never due again, because a
 * smaller due offset always wins from then on.
 *
 * Returns the smallest offset (minutes) whose moment has come, or null when none has, or when the
 * session has started (a reminder after the start is no reminder).
 */
export function dueReminderOffset(
  startsAt: Date,
  now: Date,
  offsetsMinutes: readonly number[],
): number | null {
  const lead = startsAt.getTime() - now.getTime();
  if (lead <= 0) return null;
  const due = offsetsMinutes.filter((offset) => offset > 0 && lead <= offset * 60_000);
  return due.length === 0 ? null : Math.min(...due);
}

/** "in 25 minutes", "in 1 hour", "in 24 hours": how far off a start is, rounded for people. */
export function describeLead(startsAt: Date, now: Date): string {
  const minutes = Math.max(1, Math.round((startsAt.getTime() - now.getTime()) / 60_000));
  if (minutes < 60) return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  return `in ${hours} hour${hours === 1 ? '' : 's'}`;
}

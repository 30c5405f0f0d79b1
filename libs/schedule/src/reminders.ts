/**
 * Which reminder before a session is due now. Reminders go out at fixed offsets before the start
 * (e.g. 24 h and 1 h). When several are due at once — the worker was down past both the 24-hour
 * and the 1-hour moments — only the nearest is sent: two mails saying the same thing within a
 * second help nobody. The ones passed over are simply never due again, because a smaller due offset
 * always wins from then on.
 *
 * A reminder whose moment came before the start was agreed (`agreedAt`: the booking, or the last
 * accepted move) is not sent: the booked or moved mail, minutes old, already said when it starts.
 * A session booked 10 hours ahead gets no "in 10 hours" reminder, only the 1-hour one.
 *
 * Returns the smallest offset (minutes) whose moment has come, or null when none has, when that
 * moment was not after `agreedAt`, or when the session has started (a reminder after the start is
 * no reminder).
 */
export function dueReminderOffset(
  startsAt: Date,
  agreedAt: Date,
  now: Date,
  offsetsMinutes: readonly number[],
): number | null {
  const lead = startsAt.getTime() - now.getTime();
  if (lead <= 0) return null;
  const due = offsetsMinutes.filter((offset) => offset > 0 && lead <= offset * 60_000);
  if (due.length === 0) return null;
  const nearest = Math.min(...due);
  const moment = startsAt.getTime() - nearest * 60_000;
  return moment > agreedAt.getTime() ? nearest : null;
}

/** "in 25 minutes", "in 1 hour", "in 24 hours": how far off a start is, rounded for people. */
export function describeLead(startsAt: Date, now: Date): string {
  const minutes = Math.max(1, Math.round((startsAt.getTime() - now.getTime()) / 60_000));
  if (minutes < 60) return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  return `in ${hours} hour${hours === 1 ? '' : 's'}`;
}

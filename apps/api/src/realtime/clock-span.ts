/**
 * Whether `since` lies within the last `spanMs` before `now` (wall-clock ms). A `since` after
 * `now` was taken before the clock stepped back: it counts as outside, so nothing remembered
 * from before a step lasts as long as the step.
 */
export function withinLast(spanMs: number, since: number, now: number): boolean {
  const ageMs = now - since;
  return ageMs >= 0 && ageMs <= spanMs;
}

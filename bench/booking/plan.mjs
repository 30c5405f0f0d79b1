// Which seeded slot each phase uses and which booker books it, so that no booking can conflict
// except where a conflict is the point (the races).

const DAY_MS = 24 * 60 * 60_000;

/** Odd, so the app's every-fourth share of the round-robin still reaches every booker. */
export const BOOKERS = 201;
export const RACES = 20;
export const RACERS = 50;

/**
 * - search: a 7-day window starting a day ahead; nothing in it is ever booked, so every search
 *   phase (before and after the bookings) reads the same rows.
 * - races: 2 × RACES pairwise disjoint slots from day 55 on (the winners' calendars must not clash).
 * - pools: all the other slots that end before day 55, soonest first: one in four for the app, three for
 *   the baseline (it books ~5 times faster); the i-th goes to booker i mod BOOKERS, whose previous
 *   one is ~200 slots (about a day) earlier.
 */
export function planPhases(slots, base) {
  const search = { from: base + DAY_MS, to: base + 8 * DAY_MS };
  const racesFrom = base + 55 * DAY_MS;

  const raceSlots = [];
  let previousEnd = 0;
  for (const slot of slots) {
    if (slot.startsAt < racesFrom || slot.startsAt < previousEnd) continue;
    raceSlots.push(slot);
    previousEnd = slot.endsAt;
    if (raceSlots.length === 2 * RACES) break;
  }
  if (raceSlots.length < 2 * RACES) throw new Error('Too few slots after day 55 for the races');

  const app = [];
  const baseline = [];
  const pool = slots.filter(
    (slot) => slot.endsAt <= racesFrom && (slot.endsAt <= search.from || slot.startsAt >= search.to),
  );
  pool.forEach((slot, index) => (index % 4 === 0 ? app : baseline).push({ slot, booker: index % BOOKERS }));

  const races = {
    app: raceSlots.filter((_, index) => index % 2 === 0),
    baseline: raceSlots.filter((_, index) => index % 2 === 1),
  };
  assertNoBookerOverlaps([...app, ...baseline], raceSlots);
  return { search, app, baseline, races };
}

/** A booker with two overlapping slots would get a 409 from the calendar, not a booking. */
function assertNoBookerOverlaps(assignments, raceSlots) {
  const periods = new Map();
  const add = (booker, slot) => periods.set(booker, [...(periods.get(booker) ?? []), slot]);
  for (const { slot, booker } of assignments) add(booker, slot);
  for (let booker = 0; booker < RACERS; booker += 1) for (const slot of raceSlots) add(booker, slot);
  for (const [booker, list] of periods) {
    list.sort((a, b) => a.startsAt - b.startsAt);
    for (let i = 1; i < list.length; i += 1) {
      if (list[i].startsAt < list[i - 1].endsAt) {
        throw new Error(`Bench plan error: booker ${booker} would hold two overlapping slots`);
      }
    }
  }
}

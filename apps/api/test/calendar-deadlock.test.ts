import { signUp } from './support/factories';
import { aStart, asUser, plusMinutes } from './support/scheduling-factories';
import { appWithSecondConnection } from './support/second-connection';

// Two transactions waiting on each other: always on PostgreSQL (support/second-connection.ts).
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('overlapping calendar writes that deadlock', () => {
  const app = appWithSecondConnection();

  /** In `app.other`'s open transaction: a slot of `userId` and its calendar entry, not committed. */
  async function holdSlot(userId: string, startsAt: string, endsAt: string): Promise<void> {
    const [{ id }] = (
      await app.other.query(
        `INSERT INTO slots (host_id, starts_at, ends_at, format) VALUES ($1, $2, $3, 'swap') RETURNING id`,
        [userId, startsAt, endsAt],
      )
    ).rows as [{ id: string }];
    await app.other.query(
      `INSERT INTO calendar_entries (user_id, period, slot_id) VALUES ($1, tstzrange($2, $3, '[)'), $4)`,
      [userId, startsAt, endsAt, id],
    );
  }

  it('answers 409 to the offer PostgreSQL aborts to break the deadlock, as to any overlap', async () => {
    const host = await signUp(app.server.url);
    const start = aStart({ daysAhead: 4, hour: 9 });
    await app.other.query('BEGIN');
    try {
      // Another transaction of the same user holds 9:00–10:30, not yet committed.
      await holdSlot(host.user.id, start, plusMinutes(start, 90));
      // The app's offer of 10:00–11:00 inserts its entry, then waits for that transaction. (`then`
      // sends the request now: supertest sends nothing until it is awaited.)
      const offer = asUser(app.server, host)
        .post('/api/slots', { startsAt: plusMinutes(start, 60), durationMinutes: 60 })
        .then((response) => response);
      await pause(500);
      // That transaction now writes 10:40–11:10, which overlaps the offer's entry and waits for it:
      // each waits for the other. The offer waited first, so its backend finds the cycle first
      // (after deadlock_timeout) and is aborted; this write then goes through.
      await holdSlot(host.user.id, plusMinutes(start, 100), plusMinutes(start, 130));
      const response = await offer;
      expect(response.status).toBe(409);
      expect(response.body.message).toMatch(/overlaps .* you already have; pick another time/);
    } finally {
      await app.other.query('ROLLBACK');
    }
  });
});

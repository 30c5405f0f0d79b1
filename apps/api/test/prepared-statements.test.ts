import type { NotificationListResponse, Session, SlotListResponse } from '@mockboard/contracts';
import { signUp } from './support/factories';
import { aBookedSession, aStart, asUser, offerSlot } from './support/scheduling-factories';
import { startTestApp, type TestApp } from './support/test-app';
import { SUITE_POSTGRES } from './support/suite-postgres';

/** The pool's size (data-source.ts): this many requests at once reach every connection. */
const POOL_SIZE = 10;

/**
 * A later release's migration, run by its first instance while this one still serves: a column
 * added to each table the hot statements read. A statement prepared as `SELECT *` would now return
 * another row type, which PostgreSQL refuses to execute ("cached plan must not change result type").
 */
const LATER_MIGRATION = [
  'sessions',
  'slots',
  'users',
  'sign_in_sessions',
  'outgoing_mail',
  'notifications',
].map((table) => `ALTER TABLE ${table} ADD COLUMN added_by_a_later_release integer`);

describe('statements the server keeps prepared, when a migration changes their tables', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp({ DATABASE_URL: SUITE_POSTGRES });
  });
  afterAll(() => server.close());

  it('still books, reads sessions, searches and notifies after columns are added', async () => {
    const { host, guest, session } = await aBookedSession(server);
    const [bookedBefore, bookedAfter, stillOpen] = [
      await offerSlot(server, host, { startsAt: aStart({ daysAhead: 2 }) }),
      await offerSlot(server, host, { startsAt: aStart({ daysAhead: 3 }) }),
      await offerSlot(server, host, { startsAt: aStart({ daysAhead: 4 }) }),
    ];
    const readEverywhere = () =>
      Promise.all(
        Array.from({ length: POOL_SIZE }, () =>
          asUser(server, guest).get(`/api/sessions/${session.id}`).expect(200),
        ),
      );
    const search = () => asUser(server, guest).get('/api/slots').expect(200);
    // Prepared on every connection of the pool before the migration.
    await readEverywhere();
    await search();
    await asUser(server, await signUp(server.url))
      .post(`/api/slots/${bookedBefore.id}/book`)
      .expect(201);

    for (const statement of LATER_MIGRATION) await server.dataSource.query(statement);

    const reads = await readEverywhere();
    expect(reads.map((read) => (read.body as Session).id)).toEqual(Array(POOL_SIZE).fill(session.id));
    const booked = await asUser(server, guest).post(`/api/slots/${bookedAfter.id}/book`).expect(201);
    expect((booked.body as Session).startsAt).toBe(bookedAfter.startsAt);
    const open = (await search()).body as SlotListResponse;
    expect(open.slots.map((slot) => slot.id)).toEqual([stillOpen.id]);
    const notified = (await asUser(server, host).get('/api/notifications').expect(200))
      .body as NotificationListResponse;
    expect(notified.notifications.filter((notification) => notification.type === 'booked')).toHaveLength(3);
  });
});

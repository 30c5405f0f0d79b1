import type { NotificationListResponse } from '@mockboard/contracts';
import { openDatabase } from '../src/database/data-source';
import { MAX_DELIVERY_ATTEMPTS } from '../src/outbox/outbox-retry';
import { OUTBOX_RETENTION, OutboxDispatcher, PRUNE_BATCH } from '../src/outbox/outbox.dispatcher';
import { OutboxRepository } from '../src/outbox/outbox.repository';
import { signUp, type SignedUpUser } from './support/factories';
import {
  aBookedSession,
  aStart,
  asUser,
  getSession,
  offerSlot,
  signUpMany,
} from './support/scheduling-factories';
import { startTestApp, startWithConfig, type TestApp } from './support/test-app';

interface OutboxRecord {
  id: string;
  attempts: number;
  delivered_at: Date | null;
  failed_at: Date | null;
  last_error: string | null;
}

/** Waits until `check` passes (the dispatcher polls every 2 s); its last failure if it never does. */
async function eventually<T>(check: () => Promise<T>, waitMs = 20_000): Promise<T> {
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** SQL that makes every notification insert fail, as an outage of that table would. */
const REFUSE_NOTIFICATIONS = [
  `CREATE OR REPLACE FUNCTION refuse_notifications() RETURNS trigger LANGUAGE plpgsql
     AS $$ BEGIN RAISE EXCEPTION 'notifications are down'; END $$`,
  `CREATE TRIGGER refuse_notifications BEFORE INSERT ON notifications
     FOR EACH ROW EXECUTE FUNCTION refuse_notifications()`,
];
const ACCEPT_NOTIFICATIONS = `DROP TRIGGER IF EXISTS refuse_notifications ON notifications`;

async function notificationsOn(server: TestApp, user: SignedUpUser) {
  const answer = await asUser(server, user).get('/api/notifications').expect(200);
  return (answer.body as NotificationListResponse).notifications;
}

describe('work that follows a commit goes through the outbox', () => {
  let server: TestApp;
  let dispatcher: OutboxDispatcher;
  beforeAll(async () => {
    server = await startTestApp();
    dispatcher = server.app.get(OutboxDispatcher);
  });
  afterEach(() => server.dataSource.query(ACCEPT_NOTIFICATIONS));
  afterAll(() => server.close());

  const as = (user: SignedUpUser) => asUser(server, user);
  const notificationsOf = (user: SignedUpUser) => notificationsOn(server, user);
  const breakNotifications = async () => {
    for (const statement of REFUSE_NOTIFICATIONS) await server.dataSource.query(statement);
  };
  /** The outbox rows of the notifications about one session. */
  const outboxOf = (sessionId: string): Promise<OutboxRecord[]> =>
    server.dataSource.query(
      `SELECT id, attempts, delivered_at, failed_at, last_error FROM outbox
       WHERE payload->>'sessionId' = $1 ORDER BY created_at`,
      [sessionId],
    );
  /** Arrangement only: the next attempt is due now rather than after its backoff. */
  const dueNow = (ids: string[]) =>
    server.dataSource.query(`UPDATE outbox SET next_attempt_at = now() WHERE id = ANY($1::uuid[])`, [ids]);

  it("answers a booking 201 when the host's notification fails, and delivers it exactly once later", async () => {
    const [host, guest] = await signUpMany(server, 2);
    const slot = await offerSlot(server, host);
    await breakNotifications();

    const booked = await as(guest).post(`/api/slots/${slot.id}/book`);
    expect(booked.status).toBe(201);
    const sessionId = (booked.body as { id: string }).id;
    expect((await getSession(server, host, sessionId)).status).toBe('scheduled');
    expect(await notificationsOf(host)).toEqual([]);
    const [pending] = await outboxOf(sessionId);
    expect(pending).toMatchObject({ delivered_at: null, failed_at: null });
    expect(pending!.attempts).toBeGreaterThanOrEqual(1);
    expect(pending!.last_error).toBe('QueryFailedError: notifications are down');

    await server.dataSource.query(ACCEPT_NOTIFICATIONS);
    const arrived = await eventually(async () => {
      const booking = (await notificationsOf(host)).filter((each) => each.sessionId === sessionId);
      expect(booking).toHaveLength(1);
      return booking;
    });
    expect(arrived[0]).toMatchObject({ type: 'booked', title: 'Your slot was booked', readAt: null });

    // Asking again delivers nothing more: the row is done, and its notification unique by outbox id.
    await dueNow([pending!.id]);
    await dispatcher.deliverDue();
    expect((await notificationsOf(host)).filter((each) => each.sessionId === sessionId)).toHaveLength(1);
    const [done] = await outboxOf(sessionId);
    expect(done!.delivered_at).toBeInstanceOf(Date);
    expect(done!.last_error).toBeNull();
  });

  it('answers a cancellation and a proposed new time by what was committed when notifying fails', async () => {
    const { host, guest, session, slot } = await aBookedSession(server);
    await breakNotifications();
    const proposed = await as(guest).post(`/api/sessions/${session.id}/reschedule`, {
      startsAt: new Date(new Date(slot.startsAt).getTime() + 24 * 60 * 60_000).toISOString(),
    });
    expect(proposed.status).toBeLessThan(300);
    const cancelled = await as(host).post(`/api/sessions/${session.id}/cancel`, { reason: 'Ill today' });
    expect(cancelled.status).toBeLessThan(300);
    expect((await getSession(server, guest, session.id)).status).toBe('cancelled');

    await server.dataSource.query(ACCEPT_NOTIFICATIONS);
    await eventually(async () => {
      expect((await notificationsOf(guest)).map((each) => each.type)).toEqual(['cancelled']);
      expect((await notificationsOf(host)).map((each) => each.type).sort()).toEqual([
        'booked',
        'reschedule_proposed',
      ]);
    });
  });

  it('writes the notification only with a booking that commits: one of five simultaneous bookers', async () => {
    const host = await signUp(server.url);
    const bookers = await signUpMany(server, 5);
    const slot = await offerSlot(server, host);

    const answers = await Promise.all(bookers.map((booker) => as(booker).post(`/api/slots/${slot.id}/book`)));
    const won = answers.filter((answer) => answer.status === 201);
    expect(won).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 409)).toHaveLength(4);
    const sessionId = (won[0]!.body as { id: string }).id;
    expect(await outboxOf(sessionId)).toHaveLength(1);
    const ids: { count: number }[] = await server.dataSource.query(
      `SELECT count(*)::int AS count FROM outbox WHERE payload->>'userId' = $1`,
      [host.user.id],
    );
    expect(ids[0]!.count).toBe(1);
    expect((await notificationsOf(host)).map((each) => each.sessionId)).toEqual([sessionId]);
  });

  it('delivers each row once when several dispatchers run at the same moment', async () => {
    const [host, ...guests] = await signUpMany(server, 7);
    const slots = await Promise.all(
      guests.map((_, day) => offerSlot(server, host, { startsAt: aStart({ daysAhead: day + 1 }) })),
    );
    await breakNotifications();
    const sessionIds: string[] = [];
    for (const [index, guest] of guests.entries()) {
      const booked = await as(guest).post(`/api/slots/${slots[index]!.id}/book`).expect(201);
      sessionIds.push((booked.body as { id: string }).id);
    }
    const rows = (await Promise.all(sessionIds.map(outboxOf))).flat();
    expect(rows).toHaveLength(6);

    // The poll may have retried some rows meanwhile; count attempts from here, all due at once.
    await server.dataSource.transaction(async (manager) => {
      await manager.query(ACCEPT_NOTIFICATIONS);
      await manager.query(
        `UPDATE outbox SET attempts = 0, next_attempt_at = now() WHERE id = ANY($1::uuid[])`,
        [rows.map((row) => row.id)],
      );
    });
    await Promise.all([1, 2, 3, 4].map(() => dispatcher.deliverDue()));
    await eventually(async () => expect(await notificationsOf(host)).toHaveLength(6));

    const delivered = (await Promise.all(sessionIds.map(outboxOf))).flat();
    // One delivery each: a row delivered by two dispatchers would count two.
    expect(delivered.map((row) => row.attempts)).toEqual([1, 1, 1, 1, 1, 1]);
    const perRow: { copies: number }[] = await server.dataSource.query(
      `SELECT count(*)::int AS copies FROM notifications WHERE outbox_id = ANY($1::uuid[]) GROUP BY outbox_id`,
      [rows.map((row) => row.id)],
    );
    expect(perRow.map((row) => row.copies)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('gives a row up after the last allowed attempt and keeps it, marked failed', async () => {
    const { session } = await bookedWhileBroken();
    const [row] = await outboxOf(session);
    await server.dataSource.query(`UPDATE outbox SET attempts = $2, next_attempt_at = now() WHERE id = $1`, [
      row!.id,
      MAX_DELIVERY_ATTEMPTS - 1,
    ]);
    await dispatcher.deliverDue();
    // The instance's own poll may hold the row at that moment (each skips rows another claimed):
    // whichever makes the last attempt, the row ends given up.
    const given = await eventually(async () => {
      const [now] = await outboxOf(session);
      expect(now).toMatchObject({ attempts: MAX_DELIVERY_ATTEMPTS, delivered_at: null });
      return now!;
    });
    expect(given.failed_at).toBeInstanceOf(Date);

    // Working again, it is still not retried: giving up is final until an operator steps in.
    await server.dataSource.query(ACCEPT_NOTIFICATIONS);
    await dueNow([row!.id]);
    await dispatcher.deliverDue();
    expect((await outboxOf(session))[0]).toMatchObject({
      attempts: MAX_DELIVERY_ATTEMPTS,
      delivered_at: null,
    });
  });

  it('prunes delivered rows after a week and given-up rows after a month, and nothing still due', async () => {
    const { deliveredDays, failedDays } = OUTBOX_RETENTION;
    // A kind nobody handles: the poll never delivers these rows, so their state is what we wrote.
    const rows: [label: string, created: number, delivered: number | null, failed: number | null][] = [
      ['delivered long ago', deliveredDays + 2, deliveredDays + 1, null],
      ['delivered lately', deliveredDays + 2, deliveredDays - 1, null],
      ['created long ago, delivered yesterday', 60, 1, null],
      ['still retrying since long ago', 60, null, null],
      ['given up past the delivered retention', failedDays, null, deliveredDays + 3],
      ['given up long ago', failedDays + 2, null, failedDays + 1],
    ];
    for (const [label, created, delivered, failed] of rows) {
      await server.dataSource.query(
        `INSERT INTO outbox (kind, payload, created_at, attempts, next_attempt_at, delivered_at, failed_at)
         VALUES ('test.unhandled', jsonb_build_object('label', $1::text), now() - make_interval(days => $2),
           3, now() + interval '1 day',
           now() - make_interval(days => $3::int), now() - make_interval(days => $4::int))`,
        [label, created, delivered, failed],
      );
    }
    const labels = async (): Promise<string[]> =>
      (
        await server.dataSource.query(
          `SELECT payload->>'label' AS label FROM outbox WHERE kind = 'test.unhandled' ORDER BY created_at, label`,
        )
      ).map((row: { label: string }) => row.label);

    // No call from here: the periodic poll does it.
    await eventually(async () => expect(await labels()).toHaveLength(4));
    expect(await labels()).toEqual([
      'created long ago, delivered yesterday',
      'still retrying since long ago',
      'given up past the delivered retention',
      'delivered lately',
    ]);
  });

  it('prunes at most one batch per call, oldest first, so a backlog never makes one long statement', async () => {
    const outbox = server.app.get(OutboxRepository);
    const runner = server.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      // Uncommitted, so no poll sees them; every one is far past the retention, one second apart.
      await runner.query(
        `INSERT INTO outbox (kind, payload, created_at, delivered_at)
         SELECT 'test.backlog', jsonb_build_object('age', age), now() - interval '400 days',
           now() - interval '100 days' - make_interval(secs => age)
         FROM generate_series(1, $1::int) AS age`,
        [PRUNE_BATCH + 5],
      );
      const deleted = await outbox.pruneFinished(
        runner.manager,
        'delivered_at',
        OUTBOX_RETENTION.deliveredDays,
        PRUNE_BATCH,
      );
      expect(deleted).toBe(PRUNE_BATCH);
      const left: { age: number }[] = await runner.query(
        `SELECT (payload->>'age')::int AS age FROM outbox WHERE kind = 'test.backlog' ORDER BY 1`,
      );
      expect(left.map((row) => row.age)).toEqual([1, 2, 3, 4, 5]);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  /** A session booked while notifications fail; its host's notification waits in the outbox. */
  async function bookedWhileBroken(): Promise<{ host: SignedUpUser; session: string }> {
    const [host, guest] = await signUpMany(server, 2);
    const slot = await offerSlot(server, host, { startsAt: aStart({ daysAhead: 30 }) });
    await breakNotifications();
    const booked = await as(guest).post(`/api/slots/${slot.id}/book`).expect(201);
    return { host, session: (booked.body as { id: string }).id };
  }
});

// Its own describe, after the other's server has closed: in one process the embedded driver keeps
// a single PGlite, so two embedded test apps open at once would share the first one's database.
describe('the outbox after a restart', () => {
  it('delivers what a stopped instance left undelivered as soon as the next one starts', async () => {
    const first = await startTestApp();
    let next: TestApp | undefined;
    try {
      const [host, guest] = await signUpMany(first, 2);
      const slot = await offerSlot(first, host);
      for (const statement of REFUSE_NOTIFICATIONS) await first.dataSource.query(statement);
      await asUser(first, guest).post(`/api/slots/${slot.id}/book`).expect(201);
      await first.app.close();
      // While no instance runs, the outage ends.
      const database = await openDatabase(first.config.database);
      await database.query(ACCEPT_NOTIFICATIONS);
      await database.destroy();

      next = await startWithConfig(first.config);
      const restarted = next;
      const arrived = await eventually(() =>
        notificationsOn(restarted, host).then((list) => {
          expect(list.map((each) => each.type)).toEqual(['booked']);
          return list;
        }),
      );
      expect(arrived).toHaveLength(1);
    } finally {
      // first.close() closes the instance it started (again, harmlessly) and drops the database.
      await next?.app.close();
      await first.close();
    }
  });
});

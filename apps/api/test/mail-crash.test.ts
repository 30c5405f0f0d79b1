import { Client } from 'pg';
import request from 'supertest';
import { CLAIM_BATCH_SIZE, LEASE_MS, MailWorker } from '../src/mail/mail.worker';
import { aRegistration, signUp } from './support/factories';
import { aStartIn, bookSlot, offerSlot } from './support/scheduling-factories';
import { aMoment, mailEnv, mailsTo, waitForMail } from './support/session-mail-support';
import { serverProcessEnv, startServerProcess, type ServerProcess } from './support/server-process';
import { startSmtpCatcher, type CaughtMail, type SmtpCatcher } from './support/smtp-catcher';
import { dropDatabase, startWithConfig, testConfig, type TestApp } from './support/test-app';
import { SUITE_POSTGRES } from './support/suite-postgres';

const addressedTo = (email: string) => (mail: CaughtMail) => mail.envelope.to.includes(email);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Moves a session to start in 50 minutes, as if it had been booked two days ago and that time had
 * come: its 1-hour reminder is due at the next sweep. Written straight to the server processes' schema.
 */
async function startsInFiftyMinutes(env: Record<string, string>, sessionId: string): Promise<void> {
  await inProcessesSchema(
    env,
    `UPDATE sessions SET starts_at = now() + interval '50 minutes',
       ends_at = now() + interval '50 minutes' + (ends_at - starts_at),
       start_agreed_at = now() - interval '2 days' WHERE id = $1`,
    [sessionId],
  );
}

/**
 * The leases of the reminders not sent yet, in seconds from now (negative: ended), as the server
 * processes' schema holds them.
 */
async function reminderLeases(env: Record<string, string>): Promise<number[]> {
  const rows = await inProcessesSchema<{ seconds_left: number }>(
    env,
    `SELECT extract(epoch FROM claimed_until - clock_timestamp())::float AS seconds_left
       FROM outgoing_mail WHERE kind = 'reminder' AND sent_at IS NULL ORDER BY id`,
  );
  return rows.map((row) => row.seconds_left);
}

/** What LEASE_MS passing would do to the reminders' leases: they end now. */
async function endReminderLeases(env: Record<string, string>): Promise<void> {
  await inProcessesSchema(
    env,
    `UPDATE outgoing_mail SET claimed_until = clock_timestamp() - interval '1 second'
      WHERE kind = 'reminder' AND sent_at IS NULL AND claimed_until IS NOT NULL`,
  );
}

/** Runs `sql` in the server processes' schema, straight through a connection of its own. */
async function inProcessesSchema<T>(
  env: Record<string, string>,
  sql: string,
  parameters: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`SET search_path TO "${env.DATABASE_SCHEMA}"`);
    return (await client.query(sql, parameters)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Each address got its one mail, and every queued row was sent on its first attempt. */
async function expectEachSentOnceOnFirstAttempt(
  catcher: SmtpCatcher,
  app: TestApp,
  emails: readonly string[],
): Promise<void> {
  for (const email of emails) expect(catcher.messages.filter(addressedTo(email))).toHaveLength(1);
  const rows: { attempts: number; sent: boolean }[] = await app.dataSource.query(
    `SELECT attempts, sent_at IS NOT NULL AS sent FROM outgoing_mail`,
  );
  expect(rows).toHaveLength(emails.length);
  expect(rows.every((row) => row.sent && row.attempts === 1)).toBe(true);
}

describe('each mail goes out once', () => {
  let catcher: SmtpCatcher;
  beforeEach(async () => {
    catcher = await startSmtpCatcher();
  });
  afterEach(async () => {
    await catcher.close();
  });

  it('sends each of 24 mails once while two instances drain the same queue', async () => {
    const config = await testConfig({ DATABASE_URL: SUITE_POSTGRES, SMTP_URL: catcher.url });
    const one: TestApp = await startWithConfig(config);
    const two: TestApp = await startWithConfig(config);
    try {
      // Sign-ups on both instances: each one's worker wakes on its own commits and finds the other's rows too.
      const emails = await Promise.all(
        Array.from({ length: 24 }, async (_, index) => {
          const registration = aRegistration();
          await request((index % 2 ? one : two).url)
            .post('/api/auth/register')
            .send(registration)
            .expect(201);
          return registration.email;
        }),
      );
      for (const email of emails) await catcher.waitFor(addressedTo(email), 30_000);
      await pause(3_000);
      await expectEachSentOnceOnFirstAttempt(catcher, one, emails);
    } finally {
      await one.app.close();
      await two.close();
    }
  });

  it('hands back the mail it claimed but did not send when it stops, and another instance sends it at once', async () => {
    // Each message takes the server a second to accept, so the first instance is still working
    // through its batch when it is told to stop.
    catcher.dataDelayMs = 1_000;
    const config = await testConfig({ DATABASE_URL: SUITE_POSTGRES, SMTP_URL: catcher.url });
    const stopping: TestApp = await startWithConfig(config);
    let stopped = false;
    let other: TestApp | undefined;
    try {
      const emails: string[] = [];
      for (let index = 0; index < 6; index++) {
        const registration = aRegistration();
        await request(stopping.url).post('/api/auth/register').send(registration).expect(201);
        emails.push(registration.email);
      }
      const stoppingId = stopping.app.get(MailWorker).workerId;
      const claimedBy = async (worker: string): Promise<number> => {
        const [{ count }]: [{ count: number }] = await (other ?? stopping).dataSource.query(
          `SELECT count(*)::int AS count FROM outgoing_mail WHERE claimed_by = $1`,
          [worker],
        );
        return count;
      };
      // The mails queued while the first was being sent are claimed together, as one batch.
      const deadline = Date.now() + 15_000;
      while ((await claimedBy(stoppingId)) < 3) {
        if (Date.now() > deadline) throw new Error('the first instance never held several claimed mails');
        await pause(20);
      }
      expect(await claimedBy(stoppingId)).toBeLessThanOrEqual(CLAIM_BATCH_SIZE);

      other = await startWithConfig(config);
      const stoppedAt = Date.now();
      await stopping.app.close();
      stopped = true;
      expect(await claimedBy(stoppingId)).toBe(0);

      for (const email of emails) await catcher.waitFor(addressedTo(email), LEASE_MS);
      // Not left to wait for the lease to end: the other instance took them as soon as they were free.
      expect(Date.now() - stoppedAt).toBeLessThan(LEASE_MS / 2);
      await pause(1_000);
      // A claim handed back unsent is not an attempt.
      await expectEachSentOnceOnFirstAttempt(catcher, other, emails);
    } finally {
      catcher.dataDelayMs = 0;
      if (!stopped) await stopping.app.close();
      await other?.app.close();
      await dropDatabase(config);
    }
  }, 60_000);

  it('sends a reminder once after the instance sending it is killed mid-send: the next instance takes it once the lease ends', async () => {
    const { env, cleanup } = await serverProcessEnv({ DATABASE_URL: SUITE_POSTGRES, ...mailEnv(catcher) });
    let first: ServerProcess | undefined;
    let second: ServerProcess | undefined;
    try {
      first = await startServerProcess(env);
      const [host, guest] = [await signUp(first.url), await signUp(first.url)];
      // Booked 30 hours ahead, so the 1-hour reminder's moment comes after the booking.
      const slot = await offerSlot(first, host, { startsAt: aStartIn(30 * 60) });
      const session = await bookSlot(first, guest, slot.id);
      await waitForMail(catcher, host, 'Booked:');
      await waitForMail(catcher, guest, 'Booked:');

      // From now on the catcher holds its answer to DATA for 10 s: the sender is killed while waiting.
      catcher.dataDelayMs = 10_000;
      const before = catcher.dataReceived;
      await startsInFiftyMinutes(env, session.id);
      const due = Date.now();
      while (catcher.dataReceived === before) {
        // The sweep runs every 15 s; then the worker sends the reminder it queued.
        if (Date.now() - due > 30_000) throw new Error(`no reminder reached DATA:\n${first.output()}`);
        await aMoment(50);
      }
      first.child.kill('SIGKILL');
      await first.exited;
      catcher.dataDelayMs = 0;
      await aMoment(1_000);
      expect([...mailsTo(catcher, host, 'Reminder:'), ...mailsTo(catcher, guest, 'Reminder:')]).toEqual([]);

      // Both reminders were claimed in one batch by the killed instance, for LEASE_MS from the claim.
      const leases = await reminderLeases(env);
      expect(leases).toHaveLength(2);
      for (const left of leases) {
        expect(left).toBeGreaterThan(LEASE_MS / 1000 / 2);
        expect(left).toBeLessThanOrEqual(LEASE_MS / 1000);
      }
      // The next instance leaves them alone while the lease lasts…
      second = await startServerProcess(env);
      await aMoment(3_000);
      const sentReminders = () =>
        mailsTo(catcher, host, 'Reminder:').length + mailsTo(catcher, guest, 'Reminder:').length;
      expect(sentReminders()).toBe(0);
      expect((await reminderLeases(env)).every((left) => left > 0)).toBe(true);
      // …and sends them once it has ended. Ended here in the database rather than waited out: the
      // lease's length was read above, and the wait would be 30 s of this test doing nothing.
      await endReminderLeases(env);
      await catcher.waitFor(() => sentReminders() >= 2, 30_000);
      await aMoment(3_000);
      expect(mailsTo(catcher, host, 'Reminder:')).toHaveLength(1);
      expect(mailsTo(catcher, guest, 'Reminder:')).toHaveLength(1);
    } finally {
      first?.child.kill('SIGKILL');
      second?.child.kill('SIGTERM');
      await Promise.all([first?.exited, second?.exited]);
      await cleanup();
    }
  }, 150_000);
});

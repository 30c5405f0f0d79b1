import request from 'supertest';
import { LEASE_MS } from '../src/mail/mail.worker';
import { aRegistration, signUp } from './support/factories';
import { serverProcessEnv, startServerProcess, type ServerProcess } from './support/server-process';
import { startSmtpCatcher, type CaughtMail, type SmtpCatcher } from './support/smtp-catcher';
import { startWithConfig, testConfig, type TestApp } from './support/test-app';

/**
 * Several instances share one queue only on PostgreSQL (the embedded database belongs to one
 * process), so these tests always run on it: DATABASE_URL, or the local one CI provides.
 */
const POSTGRES = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

const addressedTo = (email: string) => (mail: CaughtMail) => mail.envelope.to.includes(email);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('each mail goes out once', () => {
  let catcher: SmtpCatcher;
  beforeEach(async () => {
    catcher = await startSmtpCatcher();
  });
  afterEach(async () => {
    await catcher.close();
  });

  it('sends each of 24 mails once while two instances drain the same queue', async () => {
    const config = await testConfig({ DATABASE_URL: POSTGRES, SMTP_URL: catcher.url });
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

      for (const email of emails) expect(catcher.messages.filter(addressedTo(email))).toHaveLength(1);
      const rows: { attempts: number; sent: boolean }[] = await one.dataSource.query(
        `SELECT attempts, sent_at IS NOT NULL AS sent FROM outgoing_mail`,
      );
      expect(rows).toHaveLength(24);
      expect(rows.every((row) => row.sent && row.attempts === 1)).toBe(true);
    } finally {
      await one.app.close();
      await two.close();
    }
  });

  it('sends a mail once after its sender is killed mid-send: the next instance takes it when the lease ends', async () => {
    // The catcher holds its answer to DATA for 10 s: the sender is killed while waiting for it.
    catcher.dataDelayMs = 10_000;
    const { env, cleanup } = await serverProcessEnv({ DATABASE_URL: POSTGRES, SMTP_URL: catcher.url });
    let first: ServerProcess | undefined;
    let second: ServerProcess | undefined;
    try {
      first = await startServerProcess(env);
      const user = await signUp(first.url);
      const sent = Date.now();
      while (catcher.dataReceived === 0) {
        if (Date.now() - sent > 20_000) throw new Error(`the mail never reached DATA:\n${first.output()}`);
        await pause(50);
      }
      first.child.kill('SIGKILL');
      await first.exited;
      catcher.dataDelayMs = 0;
      await pause(1_000);
      expect(catcher.messages).toHaveLength(0);

      second = await startServerProcess(env);
      const mail = await catcher.waitFor(addressedTo(user.user.email), LEASE_MS + 15_000);
      await pause(3_000);
      expect(catcher.messages.filter(addressedTo(user.user.email))).toEqual([mail]);
      expect(catcher.dataReceived).toBe(2);
    } finally {
      first?.child.kill('SIGKILL');
      second?.child.kill('SIGTERM');
      await Promise.all([first?.exited, second?.exited]);
      await cleanup();
    }
  }, 120_000);
});

import request from 'supertest';
import type { DevMailboxResponse } from '@mockboard/contracts';
import { DEV_MAILBOX_SIZE, DevMailboxRepository } from '../src/mail/dev-mailbox.repository';
import { MailService } from '../src/mail/mail.service';
import { LEASE_MS, MAIL_RETENTION_DAYS } from '../src/mail/mail.worker';
import { SMTP_TIMEOUTS, SmtpMailTransport } from '../src/mail/smtp-mail.transport';
import { reminderMail } from '../src/mail/requests/session-mail-requests';
import { signUp, type SignedUpUser } from './support/factories';
import { aBookedSession, asUser } from './support/scheduling-factories';
import { headerValue, startSmtpCatcher, type CaughtMail, type SmtpCatcher } from './support/smtp-catcher';
import { startTestApp, type TestApp } from './support/test-app';

const PUBLIC_URL = 'https://mockboard.example.test';
const ADMIN_EMAIL = `mail-admin-${Date.now()}@example.test`;

interface OutgoingRow {
  attempts: number;
  sent_at: Date | null;
  skipped_at: Date | null;
  skip_reason: string | null;
  last_error: string | null;
  message_id: string | null;
  data: Record<string, unknown>;
}

/** The queued mails of one kind for one user, read straight from the table the worker writes. */
async function outgoingRows(server: TestApp, userId: string, kind: string): Promise<OutgoingRow[]> {
  return server.dataSource.query(
    `SELECT attempts, sent_at, skipped_at, skip_reason, last_error, message_id, data
     FROM outgoing_mail WHERE user_id = $1 AND kind = $2`,
    [userId, kind],
  );
}

/** Waits until the worker has finished with every row of that kind for that user. */
async function settledRows(server: TestApp, userId: string, kind: string): Promise<OutgoingRow[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const rows = await outgoingRows(server, userId, kind);
    if (rows.length > 0 && rows.every((row) => row.sent_at ?? row.skipped_at)) return rows;
    if (Date.now() > deadline)
      throw new Error(`${kind} mail for ${userId} not settled: ${JSON.stringify(rows)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const to = (user: SignedUpUser, subject?: RegExp) => (mail: CaughtMail) =>
  mail.envelope.to.includes(user.user.email) && (!subject || subject.test(mail.subject ?? ''));

/** Opens the link of the verification mail, as its reader would. */
async function verifyByMail(server: TestApp, catcher: SmtpCatcher, user: SignedUpUser): Promise<void> {
  const mail = await catcher.waitFor(to(user, /verif|confirm/i));
  const token = /\/verify-email\?token=([^\s"&<]+)/.exec(mail.text ?? '')?.[1];
  expect(token).toBeDefined();
  await request(server.url)
    .post('/api/auth/verify-email')
    .send({ token: decodeURIComponent(token!) })
    .expect(200);
}

describe('mail through SMTP', () => {
  let catcher: SmtpCatcher;
  let server: TestApp;

  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    server = await startTestApp({
      SMTP_URL: catcher.url,
      PUBLIC_URL,
      REQUIRE_EMAIL_VERIFICATION: 'true',
      ADMIN_EMAILS: ADMIN_EMAIL,
    });
  });
  afterAll(async () => {
    await server?.close();
    await catcher?.close();
  });

  it('sends a password reset to an unverified address: both parts, From, Message-ID, no unsubscribe', async () => {
    const user = await signUp(server.url);
    await request(server.url).post('/api/auth/password-reset').send({ email: user.user.email }).expect(202);
    const mail = await catcher.waitFor(to(user, /password/i));

    expect(mail.from?.value).toEqual([{ name: 'Mockboard', address: 'no-reply@mockboard.example.test' }]);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe(user.user.email);
    expect(mail.text).toContain(`${PUBLIC_URL}/reset-password?token=`);
    expect(mail.html).toContain(`href="${PUBLIC_URL}/reset-password?token=`);
    expect(mail.html).toMatch(/<html lang="en">/);
    expect(mail.html).toContain('role="presentation"');
    expect(headerValue(mail, 'List-Unsubscribe')).toBeUndefined();
    expect(headerValue(mail, 'Auto-Submitted')).toBe('auto-generated');
    expect(mail.text).not.toMatch(/unsubscribe/i);

    const [row] = await settledRows(server, user.user.id, 'password_reset');
    expect(row!.attempts).toBe(1);
    expect(mail.messageId).toBe(row!.message_id);
    expect(row!.message_id).toMatch(/^<[0-9a-f-]{36}@mockboard\.example\.test>$/);
  });

  it('forgets the link token of verification and reset mail once it is sent', async () => {
    const user = await signUp(server.url);
    await request(server.url).post('/api/auth/password-reset').send({ email: user.user.email }).expect(202);
    await catcher.waitFor(to(user, /password/i));
    for (const kind of ['verify_email', 'password_reset']) {
      const [row] = await settledRows(server, user.user.id, kind);
      expect(row!.sent_at).not.toBeNull();
      expect(row!.data).not.toHaveProperty('token');
      // What says which token it was stays, for support questions.
      expect(row!.data).toHaveProperty('tokenId');
    }
  });

  it('tells a suspended reader the moderators cancelled their session, and sends them nothing else', async () => {
    const admin = await signUp(server.url, { email: ADMIN_EMAIL });
    const { host, guest, session } = await aBookedSession(server, {
      host: await verified(await signUp(server.url)),
      guest: await verified(await signUp(server.url)),
    });
    await settledRows(server, host.user.id, 'booked');
    const until = new Date(Date.now() + 24 * 3600_000).toISOString();
    await asUser(server, admin)
      .post(`/api/admin/users/${host.user.id}/moderation`, { action: 'suspend', reason: 'Abusive', until })
      .expect(200);

    for (const reader of [host, guest]) {
      const mail = await catcher.waitFor(to(reader, /^Cancelled: /));
      const invitation = mail.attachments.find((attachment) => attachment.filename === 'invite.ics');
      expect(invitation?.content.toString('utf8')).toContain('METHOD:CANCEL');
    }
    const [cancelled] = await settledRows(server, host.user.id, 'cancelled');
    expect(cancelled!.sent_at).not.toBeNull();

    // Any other mail to the suspended reader is skipped.
    await server.dataSource.transaction((manager) =>
      server.app
        .get(MailService)
        .enqueue(manager, reminderMail(session.id, host.user.id, new Date(session.startsAt), 60)),
    );
    const [reminder] = await settledRows(server, host.user.id, 'reminder');
    expect(reminder!.skip_reason).toBe('the account is suspended or banned');
  });

  it('sends a booking with its unsubscribe link and header, and nothing of that kind to a reader who turned it off', async () => {
    const host = await signUp(server.url);
    const guest = await signUp(server.url);
    await verifyByMail(server, catcher, host);
    await verifyByMail(server, catcher, guest);
    await asUser(server, host).put('/api/me/mail-preferences', { booked: false }).expect(200);

    await aBookedSession(server, { host, guest });
    const mail = await catcher.waitFor(
      (caught) => to(guest)(caught) && caught.attachments.some((file) => file.filename === 'invite.ics'),
    );
    expect(headerValue(mail, 'List-Unsubscribe')).toMatch(
      new RegExp(`^<${PUBLIC_URL.replace(/\./g, '\\.')}/api/mail/unsubscribe\\?token=[^>]+>$`),
    );
    expect(headerValue(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.text).toContain(`${PUBLIC_URL}/unsubscribe?token=`);
    expect(mail.text).toContain(`Email preferences: ${PUBLIC_URL}/profile#email`);
    expect(mail.html).toContain('Unsubscribe from Bookings and matches');
    expect(mail.attachments.map((attachment) => attachment.filename)).toContain('invite.ics');
    // The calendar travels twice: as the alternative part mail apps turn into a card, and as a file.
    expect(mail.raw.match(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/gi)).toHaveLength(2);

    const [hostRow] = await settledRows(server, host.user.id, 'booked');
    expect(hostRow!.sent_at).toBeNull();
    expect(hostRow!.skip_reason).toBe('the reader turned off booked mail');
    expect(catcher.messages.filter((caught) => caught.envelope.to.includes(host.user.email))).toHaveLength(1);
  });

  it('sends nothing but verification and reset to an address that is not verified', async () => {
    const { host, guest, session } = await aBookedSession(server, {
      host: await verified(await signUp(server.url)),
      guest: await verified(await signUp(server.url)),
    });
    await settledRows(server, guest.user.id, 'booked');
    // The guest's address stops being proved (as after an admin reset it); the host's stays.
    await server.dataSource.query(`UPDATE users SET email_verified_at = NULL WHERE id = $1`, [guest.user.id]);
    const mail = server.app.get(MailService);
    const startsAt = new Date(session.startsAt);
    await server.dataSource.transaction(async (manager) => {
      await mail.enqueue(manager, reminderMail(session.id, host.user.id, startsAt, 60));
      await mail.enqueue(manager, reminderMail(session.id, guest.user.id, startsAt, 60));
    });

    const [guestRow] = await settledRows(server, guest.user.id, 'reminder');
    expect(guestRow!.skip_reason).toBe('the address is not verified');
    const [hostRow] = await settledRows(server, host.user.id, 'reminder');
    expect(hostRow!.sent_at).not.toBeNull();
    await catcher.waitFor((caught) => caught.messageId === hostRow!.message_id);
    expect(catcher.messages.filter((caught) => caught.envelope.to.includes(guest.user.email))).toHaveLength(
      2,
    );
  });

  it('queues one mail per event: the same dedupe key twice sends once', async () => {
    const user = await verified(await signUp(server.url));
    const mail = server.app.get(MailService);
    const { session } = await aBookedSession(server, {
      host: user,
      guest: await verified(await signUp(server.url)),
    });
    const request = reminderMail(session.id, user.user.id, new Date(session.startsAt), 1440);
    await server.dataSource.transaction((manager) => mail.enqueue(manager, request));
    await server.dataSource.transaction((manager) => mail.enqueue(manager, request));
    expect(await settledRows(server, user.user.id, 'reminder')).toHaveLength(1);
    // Several requests go in one statement; a key repeated among them is queued once too.
    const hourBefore = reminderMail(session.id, user.user.id, new Date(session.startsAt), 60);
    await server.dataSource.transaction((manager) => mail.enqueue(manager, hourBefore, request, hourBefore));
    expect(await settledRows(server, user.user.id, 'reminder')).toHaveLength(2);
  });

  it('retries a mail the server refused for now, with backoff, and sends it once', async () => {
    const user = await signUp(server.url);
    await catcher.waitFor(to(user, /verif|confirm/i));
    catcher.refuseNext(2);
    await request(server.url).post('/api/auth/password-reset').send({ email: user.user.email }).expect(202);
    const mail = await catcher.waitFor(to(user, /password/i));
    const [row] = await settledRows(server, user.user.id, 'password_reset');
    expect(row!.attempts).toBe(3);
    expect(row!.last_error).toBeNull();
    expect(mail.messageId).toBe(row!.message_id);
    expect(catcher.messages.filter(to(user, /password/i))).toHaveLength(1);
  });

  it('gives up on a server that stops answering well inside the lease, and sends the mail once later', async () => {
    const user = await signUp(server.url);
    await catcher.waitFor(to(user, /verif|confirm/i));
    const before = catcher.dataReceived;
    // Silent for longer than our socket timeout, but not so long that the catcher's pending answer
    // outlives the test run (which would keep Jest from exiting).
    catcher.dataDelayMs = SMTP_TIMEOUTS.socketTimeout + 5_000;
    try {
      await request(server.url).post('/api/auth/password-reset').send({ email: user.user.email }).expect(202);
      const stalled = Date.now();
      while (catcher.dataReceived === before) await new Promise((resolve) => setTimeout(resolve, 50));
      catcher.dataDelayMs = 0;
      const mail = await catcher.waitFor(to(user, /password/i), LEASE_MS);
      // The stalled conversation was dropped by us (SMTP timeouts), not waited out: before the lease ends.
      expect(Date.now() - stalled).toBeLessThan(LEASE_MS);
      const [row] = await settledRows(server, user.user.id, 'password_reset');
      expect(row!.attempts).toBe(2);
      expect(mail.messageId).toBe(row!.message_id);
      expect(catcher.messages.filter(to(user, /password/i))).toHaveLength(1);
    } finally {
      catcher.dataDelayMs = 0;
    }
  });

  it(`deletes finished mail older than ${MAIL_RETENTION_DAYS} days and keeps younger mail`, async () => {
    const [old, young] = [await signUp(server.url), await signUp(server.url)];
    await settledRows(server, old.user.id, 'verify_email');
    await settledRows(server, young.user.id, 'verify_email');
    const age = async (user: SignedUpUser, days: number) =>
      server.dataSource.query(
        `UPDATE outgoing_mail SET sent_at = now() - make_interval(days => $2::int) WHERE user_id = $1`,
        [user.user.id, days],
      );
    await age(old, MAIL_RETENTION_DAYS + 1);
    await age(young, MAIL_RETENTION_DAYS - 1);

    const deadline = Date.now() + 10_000;
    while ((await outgoingRows(server, old.user.id, 'verify_email')).length > 0) {
      if (Date.now() > deadline) throw new Error('old mail was not pruned');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await outgoingRows(server, young.user.id, 'verify_email')).toHaveLength(1);
  });

  /** Marks the address as proved the way its owner would: the link from the verification mail. */
  async function verified(user: SignedUpUser): Promise<SignedUpUser> {
    await verifyByMail(server, catcher, user);
    return user;
  }
});

describe('a send the worker gave up on', () => {
  let catcher: SmtpCatcher;
  beforeAll(async () => {
    catcher = await startSmtpCatcher({ dataDelayMs: 1_500 });
  });
  afterAll(async () => {
    await catcher?.close();
  });

  it('cannot be completed by a slow server once aborted, so a retry cannot make a second copy', async () => {
    const transport = new SmtpMailTransport(catcher.url);
    const abort = new AbortController();
    const sending = transport.send(
      {
        id: '00000000-0000-4000-8000-000000000001',
        kind: 'password_reset',
        from: 'Mockboard <no-reply@example.test>',
        to: 'reader@example.test',
        subject: 'Reset your password',
        text: 'Hello',
        html: '<p>Hello</p>',
        messageId: '<00000000-0000-4000-8000-000000000001@example.test>',
        headers: {},
        attachments: [],
      },
      abort.signal,
    );
    const outcome = sending.then(
      () => 'delivered',
      (error: Error) => error.name,
    );
    // The whole message is with the server, which holds its 250 (as a slow server would).
    while (catcher.dataReceived === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    abort.abort(new Error('gave up'));
    expect(await outcome).not.toBe('delivered');
    // Past the moment the server would have answered: it did not accept the message.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(catcher.messages).toHaveLength(0);
    transport.close();
  });
});

describe('mail without SMTP: the dev mailbox', () => {
  let server: TestApp;
  const adminEmail = `admin-${Date.now()}@example.test`;

  beforeAll(async () => {
    server = await startTestApp({ ADMIN_EMAILS: adminEmail });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('keeps the mail for admins, newest first; others are refused', async () => {
    const admin = await signUp(server.url, { email: adminEmail });
    const user = await signUp(server.url);
    await request(server.url).post('/api/auth/password-reset').send({ email: user.user.email }).expect(202);

    let mailbox: DevMailboxResponse | undefined;
    const deadline = Date.now() + 15_000;
    while (!mailbox?.messages.some((mail) => mail.to === user.user.email)) {
      if (Date.now() > deadline) throw new Error(`no mail in the dev mailbox: ${JSON.stringify(mailbox)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      mailbox = (await asUser(server, admin).get('/api/admin/dev-mailbox').expect(200))
        .body as DevMailboxResponse;
    }
    expect(mailbox.deliversToSmtp).toBe(false);
    const reset = mailbox.messages.find((mail) => mail.to === user.user.email)!;
    expect(reset.kind).toBe('password_reset');
    expect(reset.text).toMatch(/http:\/\/localhost:\d+\/reset-password\?token=/);
    expect(reset.html).toMatch(/<!DOCTYPE html>/);
    expect(reset.attachments).toEqual([]);
    const sentAts = mailbox.messages.map((mail) => mail.sentAt);
    expect([...sentAts].sort().reverse()).toEqual(sentAts);

    await asUser(server, user).get('/api/admin/dev-mailbox').expect(403);
    await request(server.url).get('/api/admin/dev-mailbox').expect(401);
  });

  it(`keeps the newest ${DEV_MAILBOX_SIZE} messages and drops older ones as new ones arrive`, async () => {
    const mailbox = server.app.get(DevMailboxRepository);
    const extra = 5;
    for (let index = 0; index < DEV_MAILBOX_SIZE + extra; index += 1) {
      await mailbox.add({
        // The column may be empty, and these messages come from no queued row.
        outgoingMailId: null as unknown as string,
        kind: 'reminder',
        to: 'nobody@example.test',
        subject: `bound ${index}`,
        text: 'text',
        html: '<p>html</p>',
        attachments: [],
      });
    }
    const subjects = (await mailbox.newestFirst()).map((mail) => mail.subject);
    const [{ count }]: [{ count: number }] = await server.dataSource.query(
      `SELECT count(*)::int AS count FROM dev_mailbox`,
    );
    expect(Number(count)).toBe(DEV_MAILBOX_SIZE);
    expect(subjects[0]).toBe(`bound ${DEV_MAILBOX_SIZE + extra - 1}`);
    expect(subjects.at(-1)).toBe(`bound ${extra}`);
  });
});

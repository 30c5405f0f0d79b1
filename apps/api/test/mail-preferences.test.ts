import request from 'supertest';
import {
  MAIL_KIND_LABELS,
  type MailPreferences,
  type OptionalMailKind,
  type UnsubscribeInfo,
} from '@mockboard/contracts';
import { MailPreferencesService } from '../src/mail/preferences/mail-preferences.service';
import { signUnsubscribeToken, unsubscribeKey } from '../src/mail/preferences/unsubscribe-token';
import { signUp, type SignedUpUser } from './support/factories';
import { aBookedSession, aStart } from './support/scheduling-factories';
import { headerValue, startSmtpCatcher, type CaughtMail, type SmtpCatcher } from './support/smtp-catcher';
import { startTestApp, type TestApp } from './support/test-app';

const PUBLIC_URL = 'https://mockboard.example';
const ALL_ON: MailPreferences = {
  booked: true,
  rescheduled: true,
  cancelled: true,
  reminder: true,
  no_show: true,
  feedback_ready: true,
};

async function prefsOfOn(server: TestApp, user: SignedUpUser): Promise<MailPreferences> {
  return (await request(server.url).get('/api/me/mail-preferences').set(user.bearer).expect(200))
    .body as MailPreferences;
}

describe('Mail preferences and unsubscribe links (issue 15)', () => {
  let server: TestApp;
  let preferences: MailPreferencesService;
  beforeAll(async () => {
    server = await startTestApp({ PUBLIC_URL });
    preferences = server.app.get(MailPreferencesService);
  });
  afterAll(() => server.close());

  const prefsOf = (user: SignedUpUser) => prefsOfOn(server, user);

  /** The link a mail of this kind carries, as the worker builds it, made relative to the test server. */
  const linksFor = (user: SignedUpUser, kind: OptionalMailKind) => {
    const { pageUrl, oneClickUrl } = preferences.unsubscribeLinks(user.user.id, kind);
    const page = new URL(pageUrl);
    const oneClick = new URL(oneClickUrl);
    return {
      pageUrl,
      oneClickUrl,
      token: page.searchParams.get('token')!,
      oneClickPath: `${oneClick.pathname}${oneClick.search}`,
    };
  };

  /** What a mail provider sends for RFC 8058 one-click: a form POST, no cookie, no Origin. */
  const oneClick = (path: string) =>
    request(server.url).post(path).type('form').send('List-Unsubscribe=One-Click');

  it('sends every kind of mail until the user says otherwise', async () => {
    const user = await signUp(server.url);
    expect(await prefsOf(user)).toEqual(ALL_ON);
    for (const kind of ['verify_email', 'password_reset', 'booked', 'reminder'] as const) {
      expect(await preferences.allows(server.dataSource.manager, user.user.id, kind)).toBe(true);
    }
  });

  it('needs a sign-in to read or change preferences', async () => {
    await request(server.url).get('/api/me/mail-preferences').expect(401);
    await request(server.url).put('/api/me/mail-preferences').send({ reminder: false }).expect(401);
  });

  it('changes only the kinds a PUT names and answers with all of them', async () => {
    const user = await signUp(server.url);
    const afterFirst = await request(server.url)
      .put('/api/me/mail-preferences')
      .set(user.bearer)
      .send({ reminder: false })
      .expect(200);
    expect(afterFirst.body).toEqual({ ...ALL_ON, reminder: false });

    await request(server.url)
      .put('/api/me/mail-preferences')
      .set(user.bearer)
      .send({ booked: false, feedback_ready: false })
      .expect(200);
    expect(await prefsOf(user)).toEqual({ ...ALL_ON, reminder: false, booked: false, feedback_ready: false });

    const turnedBackOn = await request(server.url)
      .put('/api/me/mail-preferences')
      .set(user.bearer)
      .send({ reminder: true, booked: true })
      .expect(200);
    expect(turnedBackOn.body).toEqual({ ...ALL_ON, feedback_ready: false });
    expect(await preferences.allows(server.dataSource.manager, user.user.id, 'feedback_ready')).toBe(false);
    expect(await preferences.allows(server.dataSource.manager, user.user.id, 'reminder')).toBe(true);
  });

  it('refuses kinds that cannot be turned off and values that are not booleans, with a 400', async () => {
    const user = await signUp(server.url);
    const mandatory = await request(server.url)
      .put('/api/me/mail-preferences')
      .set(user.bearer)
      .send({ password_reset: false })
      .expect(400);
    expect(JSON.stringify(mandatory.body)).toContain('password_reset');
    await request(server.url)
      .put('/api/me/mail-preferences')
      .set(user.bearer)
      .send({ reminder: 'no' })
      .expect(400);
    expect(await prefsOf(user)).toEqual(ALL_ON);
  });

  it('builds both links from PUBLIC_URL with the same token', async () => {
    const user = await signUp(server.url);
    const links = linksFor(user, 'reminder');
    expect(links.pageUrl).toBe(`${PUBLIC_URL}/unsubscribe?token=${encodeURIComponent(links.token)}`);
    expect(links.oneClickUrl).toBe(
      `${PUBLIC_URL}/api/mail/unsubscribe?token=${encodeURIComponent(links.token)}`,
    );
  });

  it('unsubscribes with a one-click POST that has a form body and neither cookie nor Origin', async () => {
    const user = await signUp(server.url, { email: `ada-${Date.now()}@example.com` });
    const links = linksFor(user, 'reminder');

    const response = await oneClick(links.oneClickPath).expect(200);
    expect(response.body).toEqual({
      kind: 'reminder',
      label: MAIL_KIND_LABELS.reminder,
      email: 'a***@example.com',
      subscribed: false,
    } satisfies UnsubscribeInfo);
    expect(await prefsOf(user)).toEqual({ ...ALL_ON, reminder: false });
    expect(await preferences.allows(server.dataSource.manager, user.user.id, 'reminder')).toBe(false);

    // Providers retry, people click twice: still fine, still off.
    await oneClick(links.oneClickPath).expect(200);
    expect(await prefsOf(user)).toEqual({ ...ALL_ON, reminder: false });
  });

  it('takes the one-click POST from webmail in a browser (another Origin), and exempts that route only', async () => {
    const user = await signUp(server.url);
    const { token, oneClickPath } = linksFor(user, 'rescheduled');
    const webmail = { Origin: 'https://mail.provider.example', 'Sec-Fetch-Site': 'cross-site' };
    await oneClick(oneClickPath).set(webmail).expect(200);
    expect(await prefsOf(user)).toEqual({ ...ALL_ON, rescheduled: false });

    const refused = await request(server.url)
      .post('/api/mail/resubscribe')
      .query({ token })
      .set(webmail)
      .expect(403);
    expect(refused.body.message).toMatch(/Cross-site request refused/);
    expect(await prefsOf(user)).toEqual({ ...ALL_ON, rescheduled: false });
  });

  it('only describes on GET, so a link scanner opening the link unsubscribes nobody', async () => {
    const user = await signUp(server.url);
    const { token } = linksFor(user, 'cancelled');
    const described = await request(server.url).get('/api/mail/unsubscribe').query({ token }).expect(200);
    expect(described.body).toMatchObject({ kind: 'cancelled', subscribed: true });
    expect(await prefsOf(user)).toEqual(ALL_ON);
  });

  it('undoes an unsubscribe with the same link', async () => {
    const user = await signUp(server.url);
    const { token } = linksFor(user, 'no_show');
    await request(server.url).post('/api/mail/unsubscribe').query({ token }).expect(200);
    expect((await prefsOf(user)).no_show).toBe(false);
    const undone = await request(server.url).post('/api/mail/resubscribe').query({ token }).expect(200);
    expect(undone.body).toMatchObject({ kind: 'no_show', subscribed: true });
    expect(await prefsOf(user)).toEqual(ALL_ON);
  });

  it('a link for one kind stops that kind only, and cannot be rewritten into another', async () => {
    const user = await signUp(server.url);
    const { token } = linksFor(user, 'reminder');
    await request(server.url).post('/api/mail/unsubscribe').query({ token }).expect(200);
    expect(await prefsOf(user)).toEqual({ ...ALL_ON, reminder: false });

    const rewritten = token.replace('.reminder.', '.booked.');
    expect(rewritten).not.toBe(token);
    await request(server.url).post('/api/mail/unsubscribe').query({ token: rewritten }).expect(400);
    expect(await prefsOf(user)).toEqual({ ...ALL_ON, reminder: false });
  });

  it('refuses a tampered, truncated, foreign or missing token with a 400 that says what to do', async () => {
    const user = await signUp(server.url);
    const victim = await signUp(server.url);
    const { token } = linksFor(user, 'booked');
    const signature = token.split('.')[2]!;
    const flipped = signature[0] === 'A' ? 'B' : 'A';
    const bad = [
      `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
      token.slice(0, -5),
      // Another user's id under this user's signature.
      token.replace(user.user.id, victim.user.id),
      `${token.split('.').slice(0, 2).join('.')}.${flipped}${signature.slice(1)}`,
      // Signed with a key this server does not have.
      signUnsubscribeToken(unsubscribeKey('some other secret'), { userId: user.user.id, kind: 'booked' }),
      'not-a-token',
    ];
    for (const candidate of bad) {
      const refused = await request(server.url)
        .post('/api/mail/unsubscribe')
        .query({ token: candidate })
        .expect(400);
      expect(refused.body.message).toMatch(/unsubscribe link is not valid/);
      expect(JSON.stringify(refused.body)).not.toMatch(/at .*\.ts/);
      await request(server.url).get('/api/mail/unsubscribe').query({ token: candidate }).expect(400);
    }
    const missing = await request(server.url).post('/api/mail/unsubscribe').expect(400);
    expect(JSON.stringify(missing.body)).toMatch(/no token/);
    expect(await prefsOf(user)).toEqual(ALL_ON);
    expect(await prefsOf(victim)).toEqual(ALL_ON);
  });
});

describe('the List-Unsubscribe header of a real mail (issue 15)', () => {
  let catcher: SmtpCatcher;
  let server: TestApp;
  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    server = await startTestApp({ SMTP_URL: catcher.url, PUBLIC_URL, REQUIRE_EMAIL_VERIFICATION: 'false' });
  });
  afterAll(async () => {
    await server?.close();
    await catcher?.close();
  });

  const bookingMailTo = (user: SignedUpUser) => (mail: CaughtMail) =>
    mail.envelope.to.includes(user.user.email) &&
    mail.attachments.some((file) => file.filename === 'invite.ics');

  /** The worker's verdict on every `kind` mail of this user, once it has decided on all of them. */
  async function settled(userId: string, kind: string, count: number) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const rows: { sent_at: Date | null; skip_reason: string | null }[] = await server.dataSource.query(
        `SELECT sent_at, skip_reason FROM outgoing_mail WHERE user_id = $1 AND kind = $2 ORDER BY created_at`,
        [userId, kind],
      );
      if (rows.length === count && rows.every((row) => row.sent_at ?? row.skip_reason)) return rows;
      if (Date.now() > deadline) throw new Error(`${kind} mail not settled: ${JSON.stringify(rows)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('stops that kind of mail when a provider POSTs the header URL, and only that kind', async () => {
    const host = await signUp(server.url);
    const guest = await signUp(server.url);
    await aBookedSession(server, { host, guest, slot: { startsAt: aStart({ daysAhead: 2 }) } });
    const first = await catcher.waitFor(bookingMailTo(guest));

    expect(headerValue(first, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const target = /^<([^>]+)>$/.exec(headerValue(first, 'List-Unsubscribe') ?? '')?.[1];
    expect(target).toMatch(new RegExp(`^${PUBLIC_URL}/api/mail/unsubscribe\\?token=`));
    const url = new URL(target!);
    // What Gmail or Outlook sends: a form POST from their servers, no cookie, no Origin.
    const unsubscribed = await request(server.url)
      .post(`${url.pathname}${url.search}`)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    expect(unsubscribed.body).toMatchObject({ kind: 'booked', subscribed: false });

    await aBookedSession(server, { host, guest, slot: { startsAt: aStart({ daysAhead: 3 }) } });
    await settled(host.user.id, 'booked', 2);
    const guestRows = await settled(guest.user.id, 'booked', 2);
    expect(guestRows[0]!.sent_at).not.toBeNull();
    expect(guestRows[1]!.sent_at).toBeNull();
    expect(guestRows[1]!.skip_reason).toBe('the reader turned off booked mail');
    expect(catcher.messages.filter(bookingMailTo(guest))).toHaveLength(1);
    expect(catcher.messages.filter(bookingMailTo(host))).toHaveLength(2);
    // Other kinds still reach them.
    expect(await prefsOfOn(server, guest)).toEqual({ ...ALL_ON, booked: false });
  });
});

import type { Socket } from 'socket.io-client';
import request from 'supertest';
import type {
  AdminReportListResponse,
  ModerationLogResponse,
  ModerationResult,
  NotificationListResponse,
  Report,
  Session,
  RestrictedAccountListResponse,
  SlotListResponse,
} from '@mockboard/contracts';
import { signUp, type SignedUpUser } from './support/factories';
import { connect } from './support/room-client';
import { startSmtpCatcher, type SmtpCatcher } from './support/smtp-catcher';
import { aBookedSession, aStart, asUser, getSession, offerSlot } from './support/scheduling-factories';
import { startTestApp, type TestApp } from './support/test-app';

const ADMIN_EMAIL = 'moderator@example.test';
const HOUR = 60 * 60_000;

// One server for the file: each test works on users of its own (and the one admin).
let server: TestApp;
let catcher: SmtpCatcher;
let admin: SignedUpUser;
beforeAll(async () => {
  catcher = await startSmtpCatcher();
  // Real SMTP for the cancellation mails; verification off so the tests' users book at once.
  server = await startTestApp({
    ADMIN_EMAILS: ADMIN_EMAIL,
    SMTP_URL: catcher.url,
    REQUIRE_EMAIL_VERIFICATION: 'false',
  });
  admin = await signUp(server.url, { email: ADMIN_EMAIL });
});
afterAll(async () => {
  await server.close();
  await catcher.close();
});

const as = (user: SignedUpUser) => asUser(server, user);
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

/** A booked session between two new users, moved so that it started 10 minutes ago. */
async function aStartedSession(): Promise<{ host: SignedUpUser; guest: SignedUpUser; session: Session }> {
  const { host, guest, session } = await aBookedSession(server, { slot: { promptId: 'url-shortener' } });
  const startsAt = new Date(Date.now() - 10 * 60_000);
  await server.dataSource.query(
    `UPDATE sessions SET starts_at = $2, ends_at = $3, status = 'live' WHERE id = $1`,
    [session.id, startsAt, new Date(startsAt.getTime() + HOUR)],
  );
  return { host, guest, session };
}

const moderate = (user: SignedUpUser, body: object) =>
  as(admin).post(`/api/admin/users/${user.user.id}/moderation`, body);
const notificationsOf = async (user: SignedUpUser) =>
  ((await as(user).get('/api/notifications').expect(200)).body as NotificationListResponse).notifications;
const restrictedIds = async () =>
  (
    (await as(admin).get('/api/admin/restricted-accounts').expect(200)).body as RestrictedAccountListResponse
  ).accounts.map((each) => each.user.id);
const login = (user: SignedUpUser) =>
  request(server.url).post('/api/auth/login').send({ email: user.user.email, password: user.password });

describe('reports', () => {
  it('lets a participant report the partner once the session has started; a second report replaces the first', async () => {
    const { host, guest, session } = await aStartedSession();
    const first = (
      await as(guest)
        .post(`/api/sessions/${session.id}/reports`, { reason: 'abusive', comment: 'Shouted at me' })
        .expect(201)
    ).body as Report;
    expect(first).toMatchObject({
      sessionId: session.id,
      subjectId: host.user.id,
      reason: 'abusive',
      comment: 'Shouted at me',
      status: 'open',
    });
    const second = (
      await as(guest)
        .post(`/api/sessions/${session.id}/reports`, { reason: 'inappropriate_content' })
        .expect(201)
    ).body as Report;
    expect(second).toMatchObject({ id: first.id, reason: 'inappropriate_content', comment: null });
  });

  it('refuses a stranger, a session not started yet, and a bad reason or a missing comment with a message', async () => {
    const { guest, session } = await aStartedSession();
    const stranger = await signUp(server.url);
    const refused = await as(stranger)
      .post(`/api/sessions/${session.id}/reports`, { reason: 'abusive' })
      .expect(404);
    expect(refused.body.message).toBe('No session with this id');

    const badReason = await as(guest)
      .post(`/api/sessions/${session.id}/reports`, { reason: 'rude' })
      .expect(400);
    expect(badReason.body.fields).toEqual([
      { field: 'reason', message: 'must be one of no_show, abusive, inappropriate_content, other' },
    ]);
    const noComment = await as(guest)
      .post(`/api/sessions/${session.id}/reports`, { reason: 'other' })
      .expect(400);
    expect(noComment.body.fields).toEqual([
      { field: 'comment', message: 'must say what happened when the reason is "other"' },
    ]);
    expect(noComment.body).not.toHaveProperty('stack');

    const upcoming = await aBookedSession(server);
    const early = await as(upcoming.guest)
      .post(`/api/sessions/${upcoming.session.id}/reports`, { reason: 'no_show' })
      .expect(409);
    expect(early.body.message).toBe('You can report your partner once the session has started');
  });

  it('shows open reports to admins with the evidence, and resolving one takes it off the open list', async () => {
    const { host, guest, session } = await aStartedSession();
    const report = (
      await as(host)
        .post(`/api/sessions/${session.id}/reports`, { reason: 'no_show', comment: 'Never came' })
        .expect(201)
    ).body as Report;
    const open = (await as(admin).get('/api/admin/reports?status=open').expect(200))
      .body as AdminReportListResponse;
    const listed = open.reports.find((each) => each.id === report.id)!;
    expect(listed).toMatchObject({
      reason: 'no_show',
      comment: 'Never came',
      reporter: { id: host.user.id, displayName: host.user.displayName, email: host.user.email },
      subject: { id: guest.user.id, earlierReports: 0, standing: { state: 'good', until: null } },
      session: { id: session.id, replayPath: `/sessions/${session.id}/replay`, prompts: expect.any(Array) },
      resolution: null,
    });
    expect(listed.session.prompts[0]).toMatch(/URL shortener/i);

    await as(admin)
      .post(`/api/admin/reports/${report.id}/resolve`, { note: 'Dismissed: traffic' })
      .expect(200);
    const after = (await as(admin).get('/api/admin/reports?status=open').expect(200))
      .body as AdminReportListResponse;
    expect(after.reports.map((each) => each.id)).not.toContain(report.id);
    await as(admin).post(`/api/admin/reports/${report.id}/resolve`, { note: 'Again' }).expect(409);
    const log = (await as(admin).get('/api/admin/moderation-log').expect(200)).body as ModerationLogResponse;
    expect(log.entries[0]).toMatchObject({
      action: 'resolve',
      reason: 'Dismissed: traffic',
      reportId: report.id,
      admin: { id: admin.user.id },
      user: { id: guest.user.id },
    });
  });
});

describe('moderation', () => {
  const sockets: Socket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  it('suspends: no sign-in, the old token refused with the reason, sockets closed, upcoming session cancelled, partner told, audited', async () => {
    const { host: suspended, guest: partner, session } = await aBookedSession(server);
    const openSlot = await offerSlot(server, suspended, { startsAt: aStart({ daysAhead: 3 }) });
    const socket = await connect(server.url, suspended);
    sockets.push(socket);
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    const until = inHours(48);
    const result = (
      await moderate(suspended, { action: 'suspend', reason: 'Abusive in two sessions', until }).expect(200)
    ).body as ModerationResult;
    expect(result).toMatchObject({
      standing: { state: 'suspended', until: new Date(until).toISOString() },
      cancelledSessions: 1,
      signInsEnded: 1,
      entry: { action: 'suspend', reason: 'Abusive in two sessions', user: { id: suspended.user.id } },
    });

    expect(await closed).toBe('io server disconnect');
    const oldToken = await request(server.url).get('/api/me').set(suspended.bearer).expect(401);
    expect(oldToken.body).toMatchObject({ code: 'account_suspended' });
    expect(oldToken.body.message).toContain('suspended');
    const signIn = await login(suspended).expect(403);
    expect(signIn.body).toMatchObject({ code: 'account_suspended', until: new Date(until).toISOString() });
    expect(signIn.body.message).toContain(until.slice(0, 10));

    const cancelled = await getSession(server, partner, session.id);
    expect(cancelled.status).toBe('cancelled');
    // The moderators cancelled it: no participant is named as the canceller.
    expect(cancelled.cancellation).toMatchObject({
      cancelledBy: null,
      reason: 'A participant can no longer take part',
      late: false,
    });
    const told = (await notificationsOf(partner)).find(
      (each) => each.type === 'cancelled' && each.sessionId === session.id,
    );
    expect(told?.body).toContain('cancelled by the moderators');
    const mail = await catcher.waitFor(
      (each) => each.envelope.to.includes(partner.user.email) && /^Cancelled:/.test(each.subject ?? ''),
    );
    expect(mail.text).toContain("was cancelled by Mockboard's moderators");
    expect(mail.text).not.toContain(`${suspended.user.displayName} cancelled`);
    const calendarFile = await request(server.url)
      .get(`/api/sessions/${session.id}/calendar.ics`)
      .set(partner.bearer)
      .expect(200);
    // Unfolded: iCalendar folds long lines at 75 octets.
    expect(calendarFile.text.replace(/\r\n[ \t]/g, '')).toContain("Cancelled by Mockboard's moderators:");
    // The partner's calendar is free at that time again, and the open slot is gone.
    await offerSlot(server, partner, { startsAt: session.startsAt });
    const slots = (await as(partner).get('/api/slots').expect(200)).body as SlotListResponse;
    expect(slots.slots.map((slot) => slot.id)).not.toContain(openSlot.id);

    const log = (await as(admin).get('/api/admin/moderation-log').expect(200)).body as ModerationLogResponse;
    expect(log.entries[0]).toMatchObject({
      id: result.entry.id,
      action: 'suspend',
      until: result.standing.until,
    });
  });

  it('refuses the token of a suspended account even if its sign-in were left live (a failed or raced revocation)', async () => {
    const user = await signUp(server.url);
    await moderate(user, { action: 'ban', reason: 'Spam' }).expect(200);
    // What a revocation that failed, or a sign-in that slipped past the suspension, would leave.
    await server.dataSource.query(`UPDATE sign_in_sessions SET revoked_at = NULL WHERE user_id = $1`, [
      user.user.id,
    ]);
    const refused = await request(server.url).get('/api/me').set(user.bearer).expect(401);
    expect(refused.body).toMatchObject({ code: 'account_banned' });
    await expect(connect(server.url, user)).rejects.toThrow();

    await moderate(user, { action: 'reinstate', reason: 'Appeal accepted' }).expect(200);
    await request(server.url).get('/api/me').set(user.bearer).expect(200);
  });

  it('a suspension ends by itself at its end; a ban lasts until an admin reinstates', async () => {
    const user = await signUp(server.url);
    await moderate(user, { action: 'suspend', reason: 'Cooling off', until: inHours(1) }).expect(200);
    await login(user).expect(403);
    expect(await restrictedIds()).toContain(user.user.id);
    await server.dataSource.query(
      `UPDATE account_restrictions SET until = now() - interval '1 second' WHERE user_id = $1`,
      [user.user.id],
    );
    await login(user).expect(200);
    expect(await restrictedIds()).not.toContain(user.user.id);

    await moderate(user, { action: 'ban', reason: 'Repeated abuse' }).expect(200);
    expect((await login(user).expect(403)).body.code).toBe('account_banned');
    const listed = (
      (await as(admin).get('/api/admin/restricted-accounts').expect(200))
        .body as RestrictedAccountListResponse
    ).accounts.find((each) => each.user.id === user.user.id);
    expect(listed).toMatchObject({ state: 'banned', until: null, reason: 'Repeated abuse' });
    await moderate(user, { action: 'reinstate', reason: 'Appeal accepted' }).expect(200);
    expect(await restrictedIds()).not.toContain(user.user.id);
    await login(user).expect(200);
    await moderate(user, { action: 'reinstate', reason: 'Again' }).expect(409);
  });

  it('warns with a notification, and an action on a report resolves it', async () => {
    const { host, guest, session } = await aStartedSession();
    const report = (
      await as(host).post(`/api/sessions/${session.id}/reports`, { reason: 'abusive' }).expect(201)
    ).body as Report;
    await moderate(guest, {
      action: 'warn',
      reason: 'Be kind to your partners.',
      reportId: report.id,
    }).expect(200);
    const warning = (await notificationsOf(guest)).find((each) => each.type === 'warning');
    expect(warning?.body).toContain('Be kind to your partners.');
    const resolved = (await as(admin).get('/api/admin/reports?status=resolved').expect(200))
      .body as AdminReportListResponse;
    expect(resolved.reports.find((each) => each.id === report.id)?.resolution?.note).toBe(
      'warn: Be kind to your partners.',
    );
  });

  it('refuses a suspension without an end or with one in the past, and a report about someone else', async () => {
    const [user, other] = [await signUp(server.url), await signUp(server.url)];
    const noEnd = await moderate(user, { action: 'suspend', reason: 'x' }).expect(400);
    expect(noEnd.body.fields).toEqual([
      { field: 'until', message: 'is required to suspend: the suspension ends by itself then' },
    ]);
    const past = await moderate(user, { action: 'suspend', reason: 'x', until: inHours(-1) }).expect(400);
    expect(past.body.fields).toEqual([{ field: 'until', message: 'must be in the future' }]);
    await moderate(user, { action: 'warn', reason: '' }).expect(400);
    const { host, session } = await aStartedSession();
    const report = (
      await as(host).post(`/api/sessions/${session.id}/reports`, { reason: 'no_show' }).expect(201)
    ).body as Report;
    await moderate(other, { action: 'warn', reason: 'x', reportId: report.id }).expect(400);
  });

  it('answers 403 to a non-admin on every admin moderation endpoint', async () => {
    const member = await signUp(server.url);
    const target = await signUp(server.url);
    const id = '00000000-0000-4000-8000-000000000000';
    await as(member).get('/api/admin/reports?status=open').expect(403);
    await as(member).get('/api/admin/moderation-log').expect(403);
    await as(member).get('/api/admin/restricted-accounts').expect(403);
    await as(member).post(`/api/admin/reports/${id}/resolve`, { note: 'x' }).expect(403);
    await as(member)
      .post(`/api/admin/users/${target.user.id}/moderation`, { action: 'ban', reason: 'x' })
      .expect(403);
    await login(target).expect(200);
  });
});

import request from 'supertest';
import type { NotificationListResponse, User } from '@mockboard/contracts';
import { signUp } from './support/factories';
import { aStart, asUser, bookSlot, offerSlot } from './support/scheduling-factories';
import { startTestApp, type TestApp } from './support/test-app';

describe('the "Date and time format" setting (issue 14)', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp();
  });
  afterAll(() => server.close());

  const me = async (bearer: { Authorization: string }) =>
    (await request(server.url).get('/api/me').set(bearer).expect(200)).body as User;

  it("starts as null (the browser's language) for a new user", async () => {
    const user = await signUp(server.url);
    expect((await me(user.bearer)).dateTimeLocale).toBeNull();
  });

  it('stores a language tag in its canonical spelling, shows it in GET /api/me and goes back to null', async () => {
    const user = await signUp(server.url);
    const saved = await request(server.url)
      .patch('/api/me')
      .set(user.bearer)
      .send({ dateTimeLocale: ' EN-us ' })
      .expect(200);
    expect((saved.body as User).dateTimeLocale).toBe('en-US');
    expect(await me(user.bearer)).toMatchObject({ dateTimeLocale: 'en-US', timezone: 'Europe/Berlin' });

    await request(server.url).patch('/api/me').set(user.bearer).send({ dateTimeLocale: null }).expect(200);
    expect((await me(user.bearer)).dateTimeLocale).toBeNull();
  });

  it('leaves the format alone when other profile fields change', async () => {
    const user = await signUp(server.url);
    await request(server.url).patch('/api/me').set(user.bearer).send({ dateTimeLocale: 'de-DE' }).expect(200);
    await request(server.url).patch('/api/me').set(user.bearer).send({ displayName: 'Renamed' }).expect(200);
    expect(await me(user.bearer)).toMatchObject({ displayName: 'Renamed', dateTimeLocale: 'de-DE' });
  });

  it('refuses what is not a language tag, naming the field, and keeps the saved one', async () => {
    const user = await signUp(server.url);
    await request(server.url).patch('/api/me').set(user.bearer).send({ dateTimeLocale: 'en-GB' }).expect(200);
    for (const bad of ['not a locale', '', 'x'.repeat(36), 42]) {
      const response = await request(server.url)
        .patch('/api/me')
        .set(user.bearer)
        .send({ dateTimeLocale: bad });
      expect(response.status).toBe(400);
      expect(response.body.fields[0].field).toBe('dateTimeLocale');
      expect(JSON.stringify(response.body)).not.toMatch(/at \w+ \(/);
    }
    expect((await me(user.bearer)).dateTimeLocale).toBe('en-GB');
  });

  it("writes a notification's time in the reader's format and zone, the default when none is chosen", async () => {
    const american = await signUp(server.url, { timezone: 'America/New_York' });
    const british = await signUp(server.url, { timezone: 'Europe/London' });
    await asUser(server, american).patch('/api/me', { dateTimeLocale: 'en-US' }).expect(200);
    const [guest, otherGuest] = await Promise.all([signUp(server.url), signUp(server.url)]);
    // The expected clocks come from Intl, so the test holds in summer and winter time alike.
    const startsAt = aStart({ daysAhead: 2, hour: 20 });
    const inNewYork = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      hour: 'numeric',
      minute: '2-digit',
    }).format(new Date(startsAt));
    const inLondon = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(startsAt));

    await bookSlot(server, guest, (await offerSlot(server, american, { startsAt })).id);
    await bookSlot(
      server,
      otherGuest,
      (await offerSlot(server, british, { startsAt: aStart({ daysAhead: 2, hour: 20 }) })).id,
    );

    const bodyOf = async (user: typeof american) =>
      ((await asUser(server, user).get('/api/notifications').expect(200)).body as NotificationListResponse)
        .notifications[0]?.body ?? '';
    const us = (await bodyOf(american)).replace(/[\u202f\u00a0]/g, ' ');
    expect(us).toContain(`${inNewYork.replace(/[\u202f\u00a0]/g, ' ')} (America/New_York)`);
    expect(us).toMatch(/\b[AP]M \(America\/New_York\)/);
    expect(await bodyOf(british)).toContain(`${inLondon} (Europe/London)`);
    expect(await bodyOf(british)).not.toMatch(/[AP]M/);
  });
});

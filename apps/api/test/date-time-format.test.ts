import request from 'supertest';
import type { User } from '@mockboard/contracts';
import { signUp } from './support/factories';
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
});

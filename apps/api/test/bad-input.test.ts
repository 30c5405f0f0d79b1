import request from 'supertest';
import { aRegistration, signUp } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

/** No response body may carry a stack trace, a file path or a driver's internal message. */
function expectNoInternals(body: unknown): void {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/\bat .+\(.+:\d+:\d+\)|\.ts:\d+|node_modules|QueryFailedError|SQLSTATE|stack/i);
}

describe('bad input', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp();
  });
  afterAll(() => server.close());

  it('answers malformed JSON with 400 and a plain message', async () => {
    const response = await request(server.url)
      .post('/api/auth/register')
      .set('Content-Type', 'application/json')
      .send('{"email": "a@example.test", "password": ')
      .expect(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'The request body is not valid JSON',
    });
  });

  it('answers wrong types with 400 naming each field', async () => {
    const response = await request(server.url)
      .post('/api/auth/register')
      .send({ email: 42, password: ['x'], displayName: null, timezone: true })
      .expect(400);
    expect([...new Set(response.body.fields.map((field: { field: string }) => field.field))].sort()).toEqual(
      ['displayName', 'email', 'password', 'timezone'].sort(),
    );
    expectNoInternals(response.body);
  });

  it('answers unknown fields with 400 naming them', async () => {
    const response = await request(server.url)
      .post('/api/auth/register')
      .send({ ...aRegistration(), role: 'admin' })
      .expect(400);
    expect(response.body.fields).toEqual([{ field: 'role', message: 'is not an accepted field' }]);
  });

  it('answers over-long strings with 400 naming the field and its limit', async () => {
    const response = await request(server.url)
      .post('/api/auth/register')
      .send(aRegistration({ displayName: 'x'.repeat(61) }))
      .expect(400);
    expect(response.body.fields).toEqual([
      { field: 'displayName', message: 'must be at most 60 characters' },
    ]);
    const password = await request(server.url)
      .post('/api/auth/register')
      .send(aRegistration({ password: 'p'.repeat(201) }))
      .expect(400);
    expect(password.body.fields[0].field).toBe('password');
  });

  it('answers a body that is not an object, or missing, with 400', async () => {
    const array = await request(server.url).post('/api/auth/login').send([1, 2, 3]).expect(400);
    expect(array.body.message).toMatch(/Invalid request body/);
    const empty = await request(server.url).post('/api/auth/login').expect(400);
    expect(empty.body.fields.map((field: { field: string }) => field.field)).toEqual(['email', 'password']);
  });

  it('answers text with a NUL character, which PostgreSQL cannot store, with 400', async () => {
    const response = await request(server.url)
      .post('/api/auth/register')
      .send(aRegistration({ displayName: 'nul\u0000name' }))
      .expect(400);
    expect(response.body.fields).toEqual([
      { field: '(request)', message: 'text must not contain NUL (U+0000) characters' },
    ]);
  });

  it('answers text with half a surrogate pair, which PostgreSQL cannot store either, with 400', async () => {
    const response = await request(server.url)
      .post('/api/auth/register')
      .send(aRegistration({ displayName: 'half \ud83d pair' }))
      .expect(400);
    expect(response.body.fields).toEqual([
      { field: '(request)', message: 'text must be valid Unicode (it holds half of a surrogate pair)' },
    ]);
    // A whole pair (an emoji) is fine.
    await request(server.url)
      .post('/api/auth/register')
      .send(aRegistration({ displayName: 'whole \ud83d\ude00 pair' }))
      .expect(201);
  });

  it('answers an oversized body with 413 and keeps serving', async () => {
    const response = await request(server.url)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'a@example.test', password: 'x'.repeat(400_000) }))
      .expect(413);
    expect(response.body.message).toMatch(/larger than the \d+-byte limit/);
    await request(server.url).get('/api/health').expect(200);
  });

  it('answers an unknown API route with a JSON 404, not the web app', async () => {
    const response = await request(server.url).get('/api/nothing-here').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('survives a burst of garbage and still serves correct requests, losing no data', async () => {
    const user = await signUp(server.url);
    const garbage = [
      () => request(server.url).post('/api/auth/login').set('Content-Type', 'application/json').send('{{{{'),
      () =>
        request(server.url)
          .patch('/api/me')
          .set(user.bearer)
          .send({ displayName: { $ne: null } }),
      () => request(server.url).patch('/api/me').set(user.bearer).send({ timezone: '../../etc/passwd' }),
      () => request(server.url).get('/api/prompts/%E0%A4%A'),
      () =>
        request(server.url)
          .post('/api/auth/register')
          .send({ email: 'a'.repeat(300) + '@x.io' }),
    ];
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => garbage[i % garbage.length]!()));
    for (const response of responses) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expectNoInternals(response.body);
    }
    const me = await request(server.url).get('/api/me').set(user.bearer).expect(200);
    expect(me.body.displayName).toBe(user.user.displayName);
  });
});

import request from 'supertest';
import { aRegistration, signUp } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

// One server for the file: each test works on users of its own.
let server: TestApp;
beforeAll(async () => {
  server = await startTestApp();
});
afterAll(() => server.close());

describe('per-account login limit', () => {
  const login = (email: string, password: string) =>
    request(server.url).post('/api/auth/login').send({ email, password });

  it('after 5 failures for an email, answers 429 with Retry-After and says when to try again', async () => {
    const user = await signUp(server.url);
    for (let i = 0; i < 5; i += 1)
      expect((await login(user.user.email, 'wrong guess number')).status).toBe(401);

    const limited = await login(user.user.email, 'wrong guess number');

    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(30);
    expect(limited.body.message).toMatch(
      /^Too many wrong passwords for this email; try again in \d+ seconds$/,
    );
    // Even the right password waits: the limit is per account, not per guess.
    expect((await login(user.user.email, user.password)).status).toBe(429);
    // Other accounts (from the same address) are not affected.
    const other = await signUp(server.url);
    expect((await login(other.user.email, other.password)).status).toBe(200);
  });

  it('counts the email in any letter case as one account', async () => {
    const user = await signUp(server.url);
    for (let i = 0; i < 5; i += 1)
      await login(i % 2 ? user.user.email.toUpperCase() : user.user.email, 'nope nope');
    expect((await login(user.user.email.toUpperCase(), 'nope nope')).status).toBe(429);
  });

  it('limits an unknown email exactly like a known one, so it reveals no account', async () => {
    const known = await signUp(server.url);
    const unknown = aRegistration().email;
    const answers = async (email: string) => {
      const statuses: number[] = [];
      let last: request.Response | undefined;
      for (let i = 0; i < 7; i += 1) {
        last = await login(email, 'wrong guess number');
        statuses.push(last.status);
      }
      return { statuses, message: last!.body.message as string };
    };

    expect(await answers(unknown)).toEqual(await answers(known.user.email));
    expect((await answers(unknown)).statuses).toEqual([429, 429, 429, 429, 429, 429, 429]);
  });

  it('resets the count after a successful sign-in', async () => {
    const user = await signUp(server.url);
    for (let i = 0; i < 4; i += 1) await login(user.user.email, 'wrong guess number');
    expect((await login(user.user.email, user.password)).status).toBe(200);

    for (let i = 0; i < 4; i += 1)
      expect((await login(user.user.email, 'wrong guess number')).status).toBe(401);
    expect((await login(user.user.email, user.password)).status).toBe(200);
  });

  it('counts wrong current passwords at a password change like failed logins', async () => {
    const user = await signUp(server.url);
    const change = () =>
      request(server.url)
        .post('/api/me/password')
        .set(user.bearer)
        .send({ currentPassword: 'a guess at it', newPassword: 'violet lantern orbit meadow' });
    for (let i = 0; i < 5; i += 1) expect((await change()).status).toBe(403);

    const limited = await change();

    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login(user.user.email, user.password)).status).toBe(429);
    // Still signed in: a 429 is not a 401.
    await request(server.url).get('/api/me').set(user.bearer).expect(200);
  });

  it('forgets counts older than a day, pruning them on a later successful sign-in', async () => {
    const guessed = aRegistration().email;
    for (let i = 0; i < 5; i += 1) await login(guessed, 'wrong guess number');
    await server.dataSource.query(
      `UPDATE login_throttles SET last_failure_at = now() - interval '25 hours',
         blocked_until = now() - interval '24 hours' WHERE email_key = $1`,
      [guessed],
    );
    const user = await signUp(server.url);

    expect((await login(user.user.email, user.password)).status).toBe(200);

    expect(
      await server.dataSource.query('SELECT 1 FROM login_throttles WHERE email_key = $1', [guessed]),
    ).toEqual([]);
  });

  it('holds parallel guesses to the free allowance', async () => {
    const user = await signUp(server.url);
    const statuses = (
      await Promise.all(Array.from({ length: 20 }, () => login(user.user.email, 'wrong guess number')))
    ).map((response) => response.status);

    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
  });
});

describe('password strength at registration', () => {
  it.each([
    ['repeated characters', 'aaaaaaaaaa', /repeated/i],
    ['ten spaces', '          ', /repeated/i],
    ['a common password', 'password1234', /commonly used|frequently used/i],
    ['a keyboard row', 'qwertyuiop', /frequently used/i],
  ])('refuses %s with 400, saying why and how to fix it', async (_what, password, why) => {
    const response = await request(server.url)
      .post('/api/auth/register')
      .send(aRegistration({ password }))
      .expect(400);

    expect(response.body.fields).toEqual([{ field: 'password', message: expect.stringMatching(why) }]);
    expect(response.body.fields[0].message).toMatch(/^is too easy to guess\./);
  });

  it("counts the user's own email and name as guessable", async () => {
    const registration = aRegistration({
      email: 'marguerite.yourcenar@example.test',
      displayName: 'Marguerite',
    });
    const response = await request(server.url)
      .post('/api/auth/register')
      .send({ ...registration, password: 'marguerite.yourcenar' })
      .expect(400);

    expect(response.body.fields[0]).toMatchObject({ field: 'password' });
  });

  it('accepts a passphrase of a few uncommon words', async () => {
    await request(server.url)
      .post('/api/auth/register')
      .send(aRegistration({ password: 'violet lantern orbit meadow' }))
      .expect(201);
  });
});

describe('display names', () => {
  it.each([
    ['only zero-width spaces', '\u200B\u200B\u200B', 'must contain at least one visible character'],
    ['a right-to-left override', 'Eve\u202Enimda', 'must not contain bidirectional override or isolate'],
    ['an isolate', 'Eve\u2066x', 'must not contain bidirectional override or isolate'],
    ['a line break', 'Eve\nAdmin', 'must not contain line breaks'],
  ])(
    'refuses a name with %s at registration and in PATCH /api/me, naming the field',
    async (_what, displayName, rule) => {
      const registered = await request(server.url)
        .post('/api/auth/register')
        .send(aRegistration({ displayName }))
        .expect(400);
      expect(registered.body.fields).toEqual([
        { field: 'displayName', message: expect.stringContaining(rule) },
      ]);

      const user = await signUp(server.url);
      const patched = await request(server.url)
        .patch('/api/me')
        .set(user.bearer)
        .send({ displayName })
        .expect(400);
      expect(patched.body.fields).toEqual([{ field: 'displayName', message: expect.stringContaining(rule) }]);
      expect(patched.body.message).toContain('displayName');
    },
  );
});

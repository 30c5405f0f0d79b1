import request from 'supertest';
import { SESSION_COOKIE_NAME, type User } from '@mockboard/contracts';
import { aRegistration, signUp } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

describe('accounts', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp({ ADMIN_EMAILS: 'boss@example.test' });
  });
  afterAll(() => server.close());

  it('registers a user, returns it with a token and sets an httpOnly SameSite=Lax cookie', async () => {
    const registration = aRegistration({ displayName: '  Ada Lovelace  ', timezone: 'Asia/Kolkata' });
    const response = await request(server.url).post('/api/auth/register').send(registration).expect(201);

    expect(response.body.user).toMatchObject({
      email: registration.email,
      displayName: 'Ada Lovelace',
      timezone: 'Asia/Kolkata',
      targetLevel: null, // not asked for: never a level the user did not choose
      role: 'member',
    });
    expect(response.body.user).not.toHaveProperty('passwordHash');
    expect(typeof response.body.accessToken).toBe('string');
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toContain(`${SESSION_COOKIE_NAME}=${response.body.accessToken}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('keeps the target level chosen at sign-up, and refuses one that does not exist', async () => {
    const response = await request(server.url)
      .post('/api/auth/register')
      .send(aRegistration({ targetLevel: 'senior' }))
      .expect(201);
    expect(response.body.user.targetLevel).toBe('senior');
    const bad = await request(server.url)
      .post('/api/auth/register')
      .send({ ...aRegistration(), targetLevel: 'principal' })
      .expect(400);
    expect(bad.body.fields[0].field).toBe('targetLevel');
  });

  it('stores the password as an argon2id hash, never in clear', async () => {
    const user = await signUp(server.url);
    const [row] = await server.dataSource.query('SELECT password_hash FROM users WHERE id = $1', [
      user.user.id,
    ]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(user.password);
  });

  it('refuses a second account for the same email in another letter case with 409', async () => {
    const first = await signUp(server.url);
    const response = await request(server.url)
      .post('/api/auth/register')
      .send(aRegistration({ email: first.user.email.toUpperCase() }))
      .expect(409);
    expect(response.body.message).toMatch(/already exists/);
  });

  it('refuses a password shorter than 10 characters, naming the field', async () => {
    const response = await request(server.url)
      .post('/api/auth/register')
      .send(aRegistration({ password: 'short' }))
      .expect(400);
    expect(response.body.fields).toEqual([{ field: 'password', message: 'must be at least 10 characters' }]);
  });

  it('signs in with the right password, whatever the email case', async () => {
    const user = await signUp(server.url);
    const response = await request(server.url)
      .post('/api/auth/login')
      .send({ email: user.user.email.toUpperCase(), password: user.password })
      .expect(200);
    expect(response.body.user.id).toBe(user.user.id);
    expect(String(response.headers['set-cookie'])).toContain(SESSION_COOKIE_NAME);
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const user = await signUp(server.url);
    const wrongPassword = await request(server.url)
      .post('/api/auth/login')
      .send({ email: user.user.email, password: 'not the password' })
      .expect(401);
    const unknownEmail = await request(server.url)
      .post('/api/auth/login')
      .send({ email: 'nobody@example.test', password: user.password })
      .expect(401);
    expect(wrongPassword.body).toEqual(unknownEmail.body);
    expect(wrongPassword.body.message).toBe('Email or password is incorrect');
  });

  it('reads the signed-in user from the cookie or from a Bearer token', async () => {
    const user = await signUp(server.url);
    const agent = request.agent(server.url);
    await agent.post('/api/auth/login').send({ email: user.user.email, password: user.password }).expect(200);
    expect((await agent.get('/api/me').expect(200)).body.id).toBe(user.user.id);
    expect((await request(server.url).get('/api/me').set(user.bearer).expect(200)).body.id).toBe(
      user.user.id,
    );
  });

  it('answers 401 without a token, with a forged token and with an expired-looking garbage cookie', async () => {
    await request(server.url).get('/api/me').expect(401);
    await request(server.url).get('/api/me').set('Authorization', 'Bearer not.a.jwt').expect(401);
    const user = await signUp(server.url);
    const [header, payload] = user.accessToken.split('.');
    await request(server.url)
      .get('/api/me')
      .set('Authorization', `Bearer ${header}.${payload}.forgedsignature`)
      .expect(401);
    await request(server.url).get('/api/me').set('Cookie', `${SESSION_COOKIE_NAME}=garbage`).expect(401);
  });

  it('signs out by clearing the cookie', async () => {
    const user = await signUp(server.url);
    const agent = request.agent(server.url);
    await agent.post('/api/auth/login').send({ email: user.user.email, password: user.password }).expect(200);
    const response = await agent.post('/api/auth/logout').expect(204);
    expect(String(response.headers['set-cookie'])).toMatch(new RegExp(`${SESSION_COOKIE_NAME}=;`));
    await agent.get('/api/me').expect(401);
  });

  it('updates display name, time zone and target level', async () => {
    const user = await signUp(server.url);
    const response = await request(server.url)
      .patch('/api/me')
      .set(user.bearer)
      .send({ displayName: 'Grace', timezone: 'America/Los_Angeles', targetLevel: 'staff' })
      .expect(200);
    expect(response.body as User).toMatchObject({
      displayName: 'Grace',
      timezone: 'America/Los_Angeles',
      targetLevel: 'staff',
    });
    expect((await request(server.url).get('/api/me').set(user.bearer)).body.targetLevel).toBe('staff');
  });

  it('rejects profile changes that are invalid or empty, naming the field', async () => {
    const user = await signUp(server.url);
    const badZone = await request(server.url)
      .patch('/api/me')
      .set(user.bearer)
      .send({ timezone: 'Mars/Olympus' });
    expect(badZone.status).toBe(400);
    expect(badZone.body.fields[0].field).toBe('timezone');
    const badLevel = await request(server.url)
      .patch('/api/me')
      .set(user.bearer)
      .send({ targetLevel: 'principal' });
    expect(badLevel.body.fields[0].field).toBe('targetLevel');
    const role = await request(server.url).patch('/api/me').set(user.bearer).send({ role: 'admin' });
    expect(role.status).toBe(400);
    expect(role.body.fields).toContainEqual({ field: 'role', message: 'is not an accepted field' });
    await request(server.url).patch('/api/me').set(user.bearer).send({}).expect(400);
  });

  it('gives the admin role to emails listed in ADMIN_EMAILS and guards admin routes', async () => {
    const admin = await signUp(server.url, { email: 'Boss@example.test' });
    const member = await signUp(server.url);
    expect(admin.user.role).toBe('admin');
    expect(member.user.role).toBe('member');

    const forbidden = await request(server.url).get('/api/admin/users').set(member.bearer).expect(403);
    expect(forbidden.body.message).toBe('This needs the admin role');
    await request(server.url).get('/api/admin/users').expect(401);
    const listed = await request(server.url).get('/api/admin/users').set(admin.bearer).expect(200);
    expect(listed.body.users.map((user: User) => user.email)).toEqual(
      expect.arrayContaining([admin.user.email, member.user.email]),
    );
  });
});

describe('rate limit on auth routes', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => server.close());

  it('answers 429 with Retry-After once one address exceeds the per-minute limit', async () => {
    const attempt = () =>
      request(server.url)
        .post('/api/auth/login')
        .send({ email: 'x@example.test', password: 'whatever it is' });
    for (let i = 0; i < 3; i += 1) expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.body.message).toMatch(/Too many attempts/);
    expect(Number(limited.headers['retry-after-auth'] ?? limited.headers['retry-after'])).toBeGreaterThan(0);
    // Other routes are not throttled.
    await request(server.url).get('/api/health').expect(200);
  });
});

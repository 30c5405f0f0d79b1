import request from 'supertest';
import type { MeResponse } from '@mockboard/contracts';
import { aRegistration, signUp, type SignedUpUser } from './support/factories';
import { asUser } from './support/scheduling-factories';
import { startSmtpCatcher, type SmtpCatcher } from './support/smtp-catcher';
import { startTestApp, type TestApp } from './support/test-app';
import { isMailTo, linkIn } from './support/verified-users';

const PUBLIC_URL = 'https://mockboard.example';
const NEW_PASSWORD = 'violet tractor umbrella';

describe('password reset by email', () => {
  let catcher: SmtpCatcher;
  let server: TestApp;
  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    server = await startTestApp({ SMTP_URL: catcher.url, PUBLIC_URL });
  });
  afterAll(async () => {
    await server.close();
    await catcher.close();
  });

  const askForReset = (email: string) =>
    request(server.url).post('/api/auth/password-reset').set('Host', 'evil.example').send({ email });
  const confirm = (token: string, password = NEW_PASSWORD) =>
    request(server.url).post('/api/auth/password-reset/confirm').send({ token, password });
  const login = (email: string, password: string) =>
    request(server.url).post('/api/auth/login').send({ email, password });

  /** The token of the newest reset mail to `user` whose token is not one of `seen`. */
  async function resetTokenFor(user: SignedUpUser, seen: string[] = []): Promise<string> {
    const mail = await catcher.waitFor(
      (caught) =>
        isMailTo(user.user.email, caught) &&
        /\/reset-password\?token=/.test(caught.text ?? '') &&
        !seen.includes(linkIn(caught, '/reset-password').searchParams.get('token')!),
    );
    const link = linkIn(mail, '/reset-password');
    expect(link.origin).toBe(PUBLIC_URL);
    expect(mail.raw).not.toContain('evil.example');
    return link.searchParams.get('token')!;
  }

  it('answers 202 alike for known and unknown addresses, and mails only the known one', async () => {
    const user = await signUp(server.url);
    const unknownAddress = aRegistration().email;
    const forUnknown = await askForReset(unknownAddress).expect(202);
    const forKnown = await askForReset(user.user.email.toUpperCase()).expect(202);
    expect(forKnown.body).toEqual(forUnknown.body);
    expect(forKnown.body.message).toMatch(/if an account/i);

    await resetTokenFor(user);
    // Mail goes out in queue order: the unknown address's would have come first.
    expect(catcher.messages.some((mail) => isMailTo(unknownAddress, mail))).toBe(false);
  });

  it('sets the new password, ends every sign-in and verifies the address; the link works once', async () => {
    const user = await signUp(server.url);
    const other = (await login(user.user.email, user.password).expect(200)).body.accessToken as string;
    // Guessing first, as people who forgot a password do, until the per-email backoff holds.
    for (let attempt = 0; attempt < 6; attempt++) await login(user.user.email, 'is it this one?');
    await login(user.user.email, 'or maybe this').expect(429);
    await askForReset(user.user.email).expect(202);
    const token = await resetTokenFor(user);

    const weak = await confirm(token, 'password1234').expect(400);
    expect(weak.body.fields).toEqual([
      { field: 'password', message: expect.stringMatching(/easy to guess/) },
    ]);
    await confirm(token).expect(204);

    await asUser(server, user).get('/api/me').expect(401);
    await request(server.url).get('/api/me').set('Authorization', `Bearer ${other}`).expect(401);
    await login(user.user.email, user.password).expect(401);
    const signedIn = await login(user.user.email, NEW_PASSWORD).expect(200);
    const me = (
      await request(server.url)
        .get('/api/me')
        .set('Authorization', `Bearer ${signedIn.body.accessToken}`)
        .expect(200)
    ).body as MeResponse;
    expect(me.emailVerified).toBe(true);

    expect((await confirm(token, 'another fine long phrase').expect(400)).body).toMatchObject({
      code: 'token_used',
    });
    await login(user.user.email, NEW_PASSWORD).expect(200);
  });

  it('keeps only the newest link working, and none past its hour', async () => {
    const user = await signUp(server.url);
    await askForReset(user.user.email).expect(202);
    const first = await resetTokenFor(user);
    await askForReset(user.user.email).expect(202);
    const second = await resetTokenFor(user, [first]);

    expect((await confirm(first).expect(400)).body).toMatchObject({ code: 'token_expired' });
    await server.dataSource.query(
      `UPDATE account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND purpose = 'password_reset'`,
      [user.user.id],
    );
    const expired = await confirm(second).expect(400);
    expect(expired.body).toMatchObject({ code: 'token_expired' });
    expect(expired.body.message).toMatch(/new password reset link/);
    await login(user.user.email, user.password).expect(200);
  });

  it('refuses a link token that was never sent', async () => {
    expect((await confirm('B'.repeat(43)).expect(400)).body).toMatchObject({ code: 'token_invalid' });
    await confirm('short').expect(400);
  });
});

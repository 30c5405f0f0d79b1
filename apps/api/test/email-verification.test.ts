import request from 'supertest';
import type { ApiError, MeResponse } from '@mockboard/contracts';
import { aRegistration, signUp, type SignedUpUser } from './support/factories';
import { asUser, bookSlot, offerSlot } from './support/scheduling-factories';
import { startSmtpCatcher, type SmtpCatcher } from './support/smtp-catcher';
import { startTestApp, type TestApp } from './support/test-app';
import { isMailTo, linkIn, signUpVerified, verificationTokenFor } from './support/verified-users';

const PUBLIC_URL = 'https://mockboard.example';

describe('email verification (REQUIRE_EMAIL_VERIFICATION on, as with SMTP_URL set)', () => {
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

  const me = async (user: SignedUpUser): Promise<MeResponse> =>
    (await asUser(server, user).get('/api/me').expect(200)).body as MeResponse;
  const verify = (token: string) => request(server.url).post('/api/auth/verify-email').send({ token });

  it('mails a PUBLIC_URL link at sign-up; until it is opened the user cannot book, offer or match', async () => {
    const host = await signUpVerified(server, catcher);
    const slot = await offerSlot(server, host);

    // A forged Host must not end up in the link people click.
    const registration = aRegistration();
    const response = await request(server.url)
      .post('/api/auth/register')
      .set('Host', 'evil.example')
      .set('X-Forwarded-Host', 'evil.example')
      .send(registration)
      .expect(201);
    expect(response.body.user.emailVerified).toBe(false);
    const guest: SignedUpUser = {
      ...response.body,
      password: registration.password,
      bearer: { Authorization: `Bearer ${response.body.accessToken}` },
    };
    const mail = await catcher.waitFor((caught) => isMailTo(registration.email, caught));
    const link = linkIn(mail, '/verify-email');
    expect(link.origin).toBe(PUBLIC_URL);
    expect(mail.raw).not.toContain('evil.example');
    expect(mail.html).toContain(link.toString().replace(/&/g, '&amp;'));
    expect(await me(guest)).toMatchObject({ emailVerified: false, emailVerificationRequired: true });

    const refused = await asUser(server, guest).post(`/api/slots/${slot.id}/book`).expect(403);
    expect(refused.body as ApiError).toMatchObject({ code: 'email_unverified' });
    expect(refused.body.message).toContain(registration.email);
    expect(refused.body.message).toMatch(/resend it from the banner/i);
    // Written for people: no API path.
    expect(refused.body.message).not.toMatch(/\/api\//);
    await asUser(server, guest).post('/api/slots', { startsAt: slot.startsAt }).expect(403);
    await asUser(server, guest).post('/api/match-requests', { startsAt: 'now' }).expect(403);
    // Practising alone and browsing stay open.
    await asUser(server, guest).get('/api/slots').expect(200);

    const verified = await verify(link.searchParams.get('token')!).expect(200);
    expect(verified.body).toEqual({ email: registration.email });
    expect(await me(guest)).toMatchObject({ emailVerified: true, pendingEmail: null });
    await asUser(server, guest).post(`/api/slots/${slot.id}/book`).expect(201);
  });

  it('sends an unverified address only verification and reset mail, not session mail', async () => {
    const host = await signUpVerified(server, catcher);
    const guest = await signUpVerified(server, catcher);
    const slot = await offerSlot(server, host);
    // An account from before this server sent mail (REQUIRE_EMAIL_VERIFICATION turned on later).
    await server.dataSource.query(`UPDATE users SET email_verified_at = NULL WHERE id = $1`, [host.user.id]);
    await bookSlot(server, guest, slot.id);
    await catcher.waitFor((mail) => isMailTo(guest.user.email, mail) && !/verify/i.test(mail.subject ?? ''));

    await request(server.url).post('/api/auth/password-reset').send({ email: host.user.email }).expect(202);
    await catcher.waitFor((mail) => isMailTo(host.user.email, mail) && /reset/i.test(mail.subject ?? ''));
    // Mail goes out in queue order: a booking mail to the host would have come before the reset.
    const toHost = catcher.messages.filter((mail) => isMailTo(host.user.email, mail));
    expect(toHost.map((mail) => mail.subject)).toEqual([
      'Verify your email address for Mockboard',
      'Reset your Mockboard password',
    ]);
  });

  it('takes each link once, and refuses unknown, malformed and expired ones with a code', async () => {
    const user = await signUp(server.url);
    const token = await verificationTokenFor(catcher, user.user.email);
    await verify(token).expect(200);
    expect((await verify(token).expect(400)).body).toMatchObject({ code: 'token_used' });
    const unknown = 'A'.repeat(43);
    expect((await verify(unknown).expect(400)).body).toMatchObject({ code: 'token_invalid' });
    const malformed = await verify('not-a-token').expect(400);
    expect(malformed.body.fields).toEqual([{ field: 'token', message: expect.stringContaining('link') }]);

    const late = await signUp(server.url);
    const lateToken = await verificationTokenFor(catcher, late.user.email);
    await server.dataSource.query(
      `UPDATE account_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = $1`,
      [late.user.id],
    );
    const expired = await verify(lateToken).expect(400);
    expect(expired.body).toMatchObject({ code: 'token_expired' });
    expect(expired.body.message).toMatch(/expired/);
    expect((await me(late)).emailVerified).toBe(false);
  });

  it('resends the link on request, at most once a minute', async () => {
    const user = await signUp(server.url);
    const first = await verificationTokenFor(catcher, user.user.email);
    const resend = () => asUser(server, user).post('/api/auth/verify-email/resend');
    // The sign-up's mail was just sent: the minute has not passed.
    const tooSoon = await resend().expect(429);
    expect(Number(tooSoon.headers['retry-after'])).toBeGreaterThan(0);

    await server.dataSource.query(
      `UPDATE account_tokens SET created_at = created_at - interval '2 minutes' WHERE user_id = $1`,
      [user.user.id],
    );
    await resend().expect(202);
    const second = await catcher.waitFor(
      (mail) =>
        isMailTo(user.user.email, mail) && linkIn(mail, '/verify-email').searchParams.get('token') !== first,
    );
    await verify(linkIn(second, '/verify-email').searchParams.get('token')!).expect(200);
    // Verified: nothing left to send.
    await resend().expect(409);
    await request(server.url).post('/api/auth/verify-email/resend').expect(401);
  });

  it('changes the address only when the link sent to the new one is opened', async () => {
    const user = await signUpVerified(server, catcher);
    const newAddress = aRegistration().email;
    const change = (body: object) => asUser(server, user).post('/api/me/email', body);

    await change({ email: newAddress, password: 'not my password' }).expect(403);
    await change({ email: newAddress, password: user.password }).expect(202);
    expect((await me(user)).email).toBe(user.user.email);
    expect((await me(user)).pendingEmail).toBe(newAddress);

    const mail = await catcher.waitFor((caught) => isMailTo(newAddress, caught));
    expect(mail.subject).toMatch(/new .*address/i);
    expect(linkIn(mail, '/verify-email').origin).toBe(PUBLIC_URL);
    await request(server.url)
      .post('/api/auth/login')
      .send({ email: newAddress, password: user.password })
      .expect(401);

    await verify(linkIn(mail, '/verify-email').searchParams.get('token')!).expect(200);
    expect(await me(user)).toMatchObject({ email: newAddress, emailVerified: true, pendingEmail: null });
    await request(server.url)
      .post('/api/auth/login')
      .send({ email: newAddress, password: user.password })
      .expect(200);
  });

  it('looks the same to the asker whether or not the new address has an account, and mails only a free one', async () => {
    const owner = await signUpVerified(server, catcher);
    const takenAddress = owner.user.email.toUpperCase();
    const freeAddress = aRegistration().email;
    const asker = await signUpVerified(server, catcher);
    const change = (email: string) =>
      asUser(server, asker).post('/api/me/email', { email, password: asker.password });
    const withoutAddress = (body: { message: string }, address: string) => ({
      ...body,
      message: body.message.replace(address, '<address>'),
    });

    const taken = await change(takenAddress).expect(202);
    const afterTaken = await me(asker);
    const free = await change(freeAddress).expect(202);
    const afterFree = await me(asker);
    expect(withoutAddress(taken.body, takenAddress)).toEqual(withoutAddress(free.body, freeAddress));
    expect(afterTaken.pendingEmail).toBe(takenAddress);
    expect(afterFree.pendingEmail).toBe(freeAddress);
    expect({ ...afterTaken, pendingEmail: null }).toEqual({ ...afterFree, pendingEmail: null });

    // Mail goes out in queue order: a link to the taken address would have come first.
    await catcher.waitFor((caught) => isMailTo(freeAddress, caught));
    expect(
      catcher.messages.some(
        // The owner's own sign-up mail went there too; a change-of-address link is what must not.
        (mail) => isMailTo(takenAddress, mail) && /new .*address/i.test(mail.subject ?? ''),
      ),
    ).toBe(false);
    // Both requests count towards the daily cap alike.
    const [tokens] = (await server.dataSource.query(
      `SELECT count(*)::int AS count FROM account_tokens WHERE user_id = $1 AND purpose = 'verify_email'`,
      [asker.user.id],
    )) as { count: number }[];
    expect(tokens?.count).toBe(3);
  });

  it('ends the reset links sent to the old address once the account moves to a new one', async () => {
    const user = await signUpVerified(server, catcher);
    const oldAddress = user.user.email;
    await request(server.url).post('/api/auth/password-reset').send({ email: oldAddress }).expect(202);
    const resetMail = await catcher.waitFor(
      (caught) => isMailTo(oldAddress, caught) && /\/reset-password\?token=/.test(caught.text ?? ''),
    );
    const resetToken = linkIn(resetMail, '/reset-password').searchParams.get('token')!;

    const newAddress = aRegistration().email;
    await asUser(server, user)
      .post('/api/me/email', { email: newAddress, password: user.password })
      .expect(202);
    await verify(await verificationTokenFor(catcher, newAddress)).expect(200);

    const refused = await request(server.url)
      .post('/api/auth/password-reset/confirm')
      .send({ token: resetToken, password: 'violet tractor umbrella' })
      .expect(400);
    expect(refused.body).toMatchObject({ code: 'token_expired' });
    await request(server.url)
      .post('/api/auth/login')
      .send({ email: newAddress, password: user.password })
      .expect(200);
  });

  it('cancels a pending change of address: its link stops working and the address stays', async () => {
    const user = await signUpVerified(server, catcher);
    const newAddress = aRegistration().email;
    await asUser(server, user)
      .post('/api/me/email', { email: newAddress, password: user.password })
      .expect(202);
    const token = await verificationTokenFor(catcher, newAddress);
    expect((await me(user)).pendingEmail).toBe(newAddress);

    await asUser(server, user).delete('/api/me/email/pending').expect(204);
    expect(await me(user)).toMatchObject({ email: user.user.email, pendingEmail: null });
    expect((await verify(token).expect(400)).body).toMatchObject({ code: 'token_expired' });
    expect((await me(user)).email).toBe(user.user.email);
    // Nothing left to cancel is not an error.
    await asUser(server, user).delete('/api/me/email/pending').expect(204);
    await request(server.url).delete('/api/me/email/pending').expect(401);
  });

  it('refuses a change whose address another account took before the link was opened', async () => {
    const user = await signUpVerified(server, catcher);
    const wanted = aRegistration().email;
    await asUser(server, user).post('/api/me/email', { email: wanted, password: user.password }).expect(202);
    const mail = await catcher.waitFor((caught) => isMailTo(wanted, caught));
    await signUp(server.url, { email: wanted.toUpperCase() });

    const refused = await verify(linkIn(mail, '/verify-email').searchParams.get('token')!).expect(400);
    expect(refused.body).toMatchObject({ code: 'email_taken' });
    expect(refused.body.message).toMatch(/can no longer be used/);
    expect((await me(user)).email).toBe(user.user.email);
  });
});

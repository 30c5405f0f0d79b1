import { JwtService } from '@nestjs/jwt';
import type { Socket } from 'socket.io-client';
import request from 'supertest';
import { SESSION_COOKIE_NAME, type SignInSession } from '@mockboard/contracts';
import { signUp, type SignedUpUser } from './support/factories';
import { connect } from './support/room-client';
import { startTestApp, type TestApp } from './support/test-app';

// One server for the file: each test works on users of its own.
let server: TestApp;
beforeAll(async () => {
  server = await startTestApp();
});
afterAll(() => server.close());
/** A second sign-in of the same user, as another device would make it. */
async function signInAgain(
  server: TestApp,
  user: SignedUpUser,
  userAgent = 'Second device',
): Promise<string> {
  const response = await request(server.url)
    .post('/api/auth/login')
    .set('User-Agent', userAgent)
    .send({ email: user.user.email, password: user.password })
    .expect(200);
  return response.body.accessToken as string;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Resolves with the reason once the server closes the socket. */
function serverDisconnect(socket: Socket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

/** The handshake error a token gets now (null if it connects). */
async function handshakeError(server: TestApp, token: string): Promise<string | null> {
  try {
    const socket = await connect(server.url, { accessToken: token } as SignedUpUser);
    socket.disconnect();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('sign-in sessions', () => {
  const sockets: Socket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  async function connected(token: string): Promise<Socket> {
    const socket = await connect(server.url, { accessToken: token } as SignedUpUser);
    sockets.push(socket);
    return socket;
  }

  it('logout ends the session: the same token then fails as a cookie and as a bearer', async () => {
    const user = await signUp(server.url);
    const token = await signInAgain(server, user);
    const cookie = `${SESSION_COOKIE_NAME}=${token}`;
    await request(server.url).get('/api/me').set('Cookie', cookie).expect(200);

    await request(server.url).post('/api/auth/logout').set('Cookie', cookie).expect(204);

    const afterCookie = await request(server.url).get('/api/me').set('Cookie', cookie).expect(401);
    expect(afterCookie.body.message).toBe('Sign in to continue');
    await request(server.url).get('/api/me').set(bearer(token)).expect(401);
    // The user's other sign-in is untouched.
    await request(server.url).get('/api/me').set(user.bearer).expect(200);
  });

  it('logout with a bearer token ends that token too', async () => {
    const user = await signUp(server.url);
    await request(server.url).post('/api/auth/logout').set(user.bearer).expect(204);
    await request(server.url).get('/api/me').set(user.bearer).expect(401);
    await request(server.url).get('/api/me/sessions').set(user.bearer).expect(401);
  });

  it('refuses a correctly signed token that names no sign-in session (issued before sessions)', async () => {
    const user = await signUp(server.url);
    const jwt = new JwtService({ secret: server.config.jwt.secret });
    const legacy = await jwt.signAsync({ sub: user.user.id }, { algorithm: 'HS256', expiresIn: 3600 });
    const unknownSession = await jwt.signAsync(
      { sub: user.user.id, sid: '00000000-0000-4000-8000-000000000000' },
      { algorithm: 'HS256', expiresIn: 3600 },
    );
    const notAUuid = await jwt.signAsync({ sub: user.user.id, sid: "x' OR 1=1" }, { algorithm: 'HS256' });

    for (const token of [legacy, unknownSession, notAUuid]) {
      await request(server.url).get('/api/me').set(bearer(token)).expect(401);
    }
  });

  it("refuses a signed token that pairs one user with another user's live sign-in", async () => {
    const [owner, other] = [await signUp(server.url), await signUp(server.url)];
    const jwt = new JwtService({ secret: server.config.jwt.secret });
    const { sid } = jwt.decode<{ sid: string }>(owner.accessToken);
    const mismatched = await jwt.signAsync(
      { sub: other.user.id, sid },
      { algorithm: 'HS256', expiresIn: 3600 },
    );

    await request(server.url).get('/api/me').set(bearer(mismatched)).expect(401);
    expect(await handshakeError(server, mismatched)).not.toBeNull();
    const me = await request(server.url).get('/api/me').set(bearer(owner.accessToken)).expect(200);
    expect(me.body.id).toBe(owner.user.id);
  });

  it('accepts a token of a live sign-in signed with the secret as a string, as tokens were before the KeyObject', async () => {
    const user = await signUp(server.url);
    const jwt = new JwtService({ secret: server.config.jwt.secret });
    const issued = jwt.decode<{ sub: string; sid: string }>(user.accessToken);
    const signedWithString = await jwt.signAsync(
      { sub: issued.sub, sid: issued.sid },
      { algorithm: 'HS256', expiresIn: 3600 },
    );
    const me = await request(server.url).get('/api/me').set(bearer(signedWithString)).expect(200);
    expect(me.body.id).toBe(user.user.id);
    const otherSecret = new JwtService({ secret: `${server.config.jwt.secret}x` });
    const forged = await otherSecret.signAsync({ sub: issued.sub, sid: issued.sid }, { algorithm: 'HS256' });
    await request(server.url).get('/api/me').set(bearer(forged)).expect(401);
  });

  it("lists the user's active sign-ins with device, address and the current one marked", async () => {
    const user = await signUp(server.url);
    const second = await signInAgain(server, user, 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0');
    const stranger = await signUp(server.url);

    const response = await request(server.url).get('/api/me/sessions').set(bearer(second)).expect(200);
    const sessions = response.body.sessions as SignInSession[];

    expect(sessions).toHaveLength(2);
    const current = sessions.filter((session) => session.current);
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
      ip: expect.stringContaining('127.0.0.1'),
    });
    for (const session of sessions) {
      expect(new Date(session.createdAt).getTime()).toBeLessThanOrEqual(Date.now());
      expect(new Date(session.lastSeenAt).getTime()).toBeGreaterThanOrEqual(
        new Date(session.createdAt).getTime(),
      );
      expect(new Date(session.expiresAt).getTime()).toBeGreaterThan(Date.now());
    }
    const strangers = await request(server.url).get('/api/me/sessions').set(stranger.bearer).expect(200);
    expect(strangers.body.sessions).toHaveLength(1);
  });

  it('revokes one sign-in by id, and answers 404 for another user’s or an unknown one', async () => {
    const user = await signUp(server.url);
    const second = await signInAgain(server, user);
    const stranger = await signUp(server.url);
    const listed = await request(server.url).get('/api/me/sessions').set(user.bearer).expect(200);
    const other = (listed.body.sessions as SignInSession[]).find((session) => !session.current)!;

    const foreign = await request(server.url)
      .delete(`/api/me/sessions/${other.id}`)
      .set(stranger.bearer)
      .expect(404);
    expect(foreign.body.message).toBe('No active sign-in with this id');
    await request(server.url).get('/api/me').set(bearer(second)).expect(200);
    await request(server.url).delete('/api/me/sessions/not-a-uuid').set(user.bearer).expect(404);

    await request(server.url).delete(`/api/me/sessions/${other.id}`).set(user.bearer).expect(204);

    await request(server.url).get('/api/me').set(bearer(second)).expect(401);
    await request(server.url).get('/api/me').set(user.bearer).expect(200);
    await request(server.url).delete(`/api/me/sessions/${other.id}`).set(user.bearer).expect(404);
  });

  it('signs out everywhere: every token of the user stops working, this one included', async () => {
    const user = await signUp(server.url);
    const second = await signInAgain(server, user);
    const bystander = await signUp(server.url);

    const response = await request(server.url)
      .post('/api/me/sessions/revoke-all')
      .set(bearer(second))
      .expect(200);

    expect(response.body).toEqual({ revoked: 2 });
    await request(server.url).get('/api/me').set(user.bearer).expect(401);
    await request(server.url).get('/api/me').set(bearer(second)).expect(401);
    await request(server.url).get('/api/me').set(bystander.bearer).expect(200);
  });

  describe('open sockets', () => {
    it('are disconnected when their sign-in logs out, and the token cannot reconnect', async () => {
      const user = await signUp(server.url);
      const socket = await connected(user.accessToken);
      const closed = serverDisconnect(socket);

      await request(server.url).post('/api/auth/logout').set(user.bearer).expect(204);

      expect(await closed).toBe('io server disconnect');
      expect(await handshakeError(server, user.accessToken)).toMatch(/unauthorized/);
    });

    it('are all disconnected by "sign out everywhere"', async () => {
      const user = await signUp(server.url);
      const second = await signInAgain(server, user);
      const first = await connected(user.accessToken);
      const other = await connected(second);
      const closed = [serverDisconnect(first), serverDisconnect(other)];

      await request(server.url).post('/api/me/sessions/revoke-all').set(user.bearer).expect(200);

      expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
      expect(await handshakeError(server, second)).toMatch(/unauthorized/);
    });

    it('of other sign-ins are disconnected by a password change; this sign-in keeps its socket', async () => {
      const user = await signUp(server.url);
      const second = await signInAgain(server, user);
      const mine = await connected(user.accessToken);
      const theirs = await connected(second);
      const closed = serverDisconnect(theirs);

      await request(server.url)
        .post('/api/me/password')
        .set(user.bearer)
        .send({ currentPassword: user.password, newPassword: 'violet lantern orbit meadow' })
        .expect(204);

      expect(await closed).toBe('io server disconnect');
      expect(await handshakeError(server, second)).toMatch(/unauthorized/);
      expect(mine.connected).toBe(true);
      expect(await handshakeError(server, user.accessToken)).toBeNull();
    });
  });
});

describe('password change', () => {
  it('changes the password and signs out every other sign-in, keeping this one', async () => {
    const user = await signUp(server.url);
    const other = await signInAgain(server, user);
    const newPassword = 'violet lantern orbit meadow';

    await request(server.url)
      .post('/api/me/password')
      .set(user.bearer)
      .send({ currentPassword: user.password, newPassword })
      .expect(204);

    await request(server.url).get('/api/me').set(user.bearer).expect(200);
    await request(server.url).get('/api/me').set(bearer(other)).expect(401);
    await request(server.url)
      .post('/api/auth/login')
      .send({ email: user.user.email, password: user.password })
      .expect(401);
    await request(server.url)
      .post('/api/auth/login')
      .send({ email: user.user.email, password: newPassword })
      .expect(200);
  });

  it('refuses a wrong current password with 403 (not 401, which would sign the app out)', async () => {
    const user = await signUp(server.url);
    const response = await request(server.url)
      .post('/api/me/password')
      .set(user.bearer)
      .send({ currentPassword: 'not my password at all', newPassword: 'violet lantern orbit meadow' })
      .expect(403);

    expect(response.body.message).toBe('Your current password is not correct');
    await request(server.url).get('/api/me').set(user.bearer).expect(200);
  });

  it.each([
    ['repeated characters', 'aaaaaaaaaa'],
    ['ten spaces', '          '],
    ['a common password', 'password123!'],
    ['a keyboard row', 'qwertyuiop'],
  ])('refuses a weak new password (%s), saying why and how to fix it', async (_what, newPassword) => {
    const user = await signUp(server.url);
    const response = await request(server.url)
      .post('/api/me/password')
      .set(user.bearer)
      .send({ currentPassword: user.password, newPassword })
      .expect(400);

    expect(response.body.fields).toEqual([
      { field: 'newPassword', message: expect.stringMatching(/^is too easy to guess\. .+\. .+/) },
    ]);
    await request(server.url)
      .post('/api/auth/login')
      .send({ email: user.user.email, password: user.password })
      .expect(200);
  });

  it('refuses the current password as the new one, and requires both fields', async () => {
    const user = await signUp(server.url);
    const same = await request(server.url)
      .post('/api/me/password')
      .set(user.bearer)
      .send({ currentPassword: user.password, newPassword: user.password })
      .expect(400);
    expect(same.body.fields).toEqual([
      { field: 'newPassword', message: 'must be different from your current password' },
    ]);
    const empty = await request(server.url).post('/api/me/password').set(user.bearer).send({}).expect(400);
    expect(empty.body.fields.map((field: { field: string }) => field.field)).toEqual([
      'currentPassword',
      'newPassword',
    ]);
  });

  it('needs a signed-in user', async () => {
    await request(server.url)
      .post('/api/me/password')
      .send({ currentPassword: 'x', newPassword: 'violet lantern orbit meadow' })
      .expect(401);
  });
});

describe('sign-in rows over time', () => {
  const lastSeen = async (userId: string): Promise<Date> => {
    const [row] = await server.dataSource.query(
      'SELECT last_seen_at FROM sign_in_sessions WHERE user_id = $1',
      [userId],
    );
    return new Date(row.last_seen_at);
  };

  it('is written at most once a minute per sign-in', async () => {
    const user = await signUp(server.url);
    await server.dataSource.query(
      `UPDATE sign_in_sessions SET last_seen_at = now() - interval '30 seconds' WHERE user_id = $1`,
      [user.user.id],
    );
    const recent = await lastSeen(user.user.id);
    await request(server.url).get('/api/me').set(user.bearer).expect(200);
    expect(await lastSeen(user.user.id)).toEqual(recent);

    await server.dataSource.query(
      `UPDATE sign_in_sessions SET last_seen_at = now() - interval '2 minutes' WHERE user_id = $1`,
      [user.user.id],
    );
    const stale = await lastSeen(user.user.id);
    await request(server.url).get('/api/me').set(user.bearer).expect(200);
    expect((await lastSeen(user.user.id)).getTime()).toBeGreaterThan(stale.getTime() + 60_000);
  });

  it('drops a user’s long-ended sign-ins when they sign in again', async () => {
    const user = await signUp(server.url);
    await request(server.url).post('/api/auth/logout').set(user.bearer).expect(204);
    await server.dataSource.query(
      `UPDATE sign_in_sessions SET revoked_at = now() - interval '2 days' WHERE user_id = $1`,
      [user.user.id],
    );

    await signInAgain(server, user);

    const rows = await server.dataSource.query('SELECT revoked_at FROM sign_in_sessions WHERE user_id = $1', [
      user.user.id,
    ]);
    expect(rows).toEqual([{ revoked_at: null }]);
  });
});

import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import type { CalendarFeedResponse } from '@mockboard/contracts';
import { aRegistration, signUp, type SignedUpUser } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

const EVIL = 'https://evil.example';

/** The session cookie a browser would hold after signing up (as set by the server). */
function sessionCookieOf(response: request.Response): string {
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const cookie = cookies[0]?.split(';')[0];
  if (!cookie) throw new Error('no session cookie was set');
  return cookie;
}

async function aBrowserUser(baseUrl: string): Promise<{ cookie: string; user: SignedUpUser }> {
  const registration = aRegistration();
  const response = await request(baseUrl).post('/api/auth/register').send(registration).expect(201);
  const body = response.body as SignedUpUser;
  return {
    cookie: sessionCookieOf(response),
    user: {
      ...body,
      password: registration.password,
      bearer: { Authorization: `Bearer ${body.accessToken}` },
    },
  };
}

/** Opens a socket the way a page would (cookie, Origin), or as an API client (auth.token). */
function openSocket(
  baseUrl: string,
  options: { headers?: Record<string, string>; token?: string },
): Promise<{ socket: Socket; error?: Error & { data?: { code?: string; message?: string } } }> {
  const socket = io(baseUrl, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: options.headers,
    ...(options.token ? { auth: { token: options.token } } : {}),
  });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket }));
    socket.once('connect_error', (error) => resolve({ socket, error }));
  });
}

describe('Origin check without PUBLIC_URL (a newcomer install)', () => {
  let server: TestApp;
  let browser: { cookie: string; user: SignedUpUser };
  beforeAll(async () => {
    server = await startTestApp();
    browser = await aBrowserUser(server.url);
  });
  afterAll(() => server.close());

  const feedUrl = async (): Promise<string> =>
    (
      (await request(server.url).get('/api/calendar/feed').set(browser.user.bearer).expect(200))
        .body as CalendarFeedResponse
    ).url;

  it('refuses a cookie-authenticated change from another site with a clear 403, changing nothing', async () => {
    const before = await feedUrl();
    const response = await request(server.url)
      .post('/api/calendar/feed/revoke')
      .set('Cookie', browser.cookie)
      .set('Origin', EVIL)
      .expect(403);
    expect(response.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: expect.stringMatching(
        /^Cross-site request refused: requests from https:\/\/evil\.example are not accepted/,
      ),
    });
    expect(await feedUrl()).toBe(before);
  });

  it('refuses every state-changing method from another site, and a cross-site Sec-Fetch-Site without Origin', async () => {
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      await request(server.url)
        [method]('/api/me')
        .set('Cookie', browser.cookie)
        .set('Origin', EVIL)
        .expect(403);
    }
    await request(server.url)
      .post('/api/calendar/feed/revoke')
      .set('Cookie', browser.cookie)
      .set('Sec-Fetch-Site', 'cross-site')
      .expect(403);
    await request(server.url)
      .post('/api/auth/login')
      .set('Origin', EVIL)
      .send({ email: 'someone@example.test', password: 'whatever it is' })
      .expect(403);
  });

  it("accepts the page's own origin, however the server was reached", async () => {
    const before = await feedUrl();
    await request(server.url)
      .post('/api/calendar/feed/revoke')
      .set('Cookie', browser.cookie)
      .set('Origin', server.url)
      .set('Sec-Fetch-Site', 'same-origin')
      .expect(200);
    expect(await feedUrl()).not.toBe(before);
    const localhost = server.url.replace('127.0.0.1', 'localhost');
    await request(server.url)
      .post('/api/calendar/feed/revoke')
      .set('Cookie', browser.cookie)
      .set('Host', new URL(localhost).host)
      .set('Origin', localhost)
      .expect(200);
  });

  it('leaves requests without Origin or Sec-Fetch-Site (curl, scripts) and Bearer clients alone', async () => {
    await request(server.url).post('/api/calendar/feed/revoke').set('Cookie', browser.cookie).expect(200);
    await request(server.url)
      .post('/api/calendar/feed/revoke')
      .set(browser.user.bearer)
      .set('Origin', EVIL)
      .set('Sec-Fetch-Site', 'cross-site')
      .expect(200);
    await request(server.url).get('/api/me').set('Cookie', browser.cookie).set('Origin', EVIL).expect(200);
  });

  it('refuses a cookie-authenticated socket from another site with a forbidden_origin connect_error', async () => {
    const foreign: Record<string, string>[] = [
      { Cookie: browser.cookie, Origin: EVIL },
      { Cookie: browser.cookie, 'Sec-Fetch-Site': 'cross-site' },
    ];
    for (const headers of foreign) {
      const { socket, error } = await openSocket(server.url, { headers });
      socket.close();
      expect(error?.message).toMatch(/^forbidden_origin: /);
      expect(error?.data?.code).toBe('forbidden_origin');
    }
  });

  it('connects a socket from our own page, and an API client with auth.token from anywhere', async () => {
    const own = await openSocket(server.url, { headers: { Cookie: browser.cookie, Origin: server.url } });
    own.socket.close();
    expect(own.error).toBeUndefined();
    const client = await openSocket(server.url, {
      headers: { Origin: EVIL },
      token: browser.user.accessToken,
    });
    client.socket.close();
    expect(client.error).toBeUndefined();
  });
});

describe('Origin check with PUBLIC_URL', () => {
  const PUBLIC_URL = 'https://mockboard.example.test';
  let server: TestApp;
  let browser: { cookie: string; user: SignedUpUser };
  beforeAll(async () => {
    server = await startTestApp({ PUBLIC_URL });
    browser = await aBrowserUser(server.url);
  });
  afterAll(() => server.close());

  it('accepts changes and sockets only from the public origin, not from whatever Host was sent', async () => {
    await request(server.url)
      .post('/api/calendar/feed/revoke')
      .set('Cookie', browser.cookie)
      .set('Origin', PUBLIC_URL)
      .expect(200);
    const refused = await request(server.url)
      .post('/api/calendar/feed/revoke')
      .set('Cookie', browser.cookie)
      .set('Origin', server.url)
      .expect(403);
    expect((refused.body as { message: string }).message).toContain(`open Mockboard at ${PUBLIC_URL}`);
    await request(server.url)
      .post('/api/calendar/feed/revoke')
      .set('Cookie', browser.cookie)
      .set('Host', 'evil.example')
      .set('Origin', 'http://evil.example')
      .expect(403);

    const ours = await openSocket(server.url, { headers: { Cookie: browser.cookie, Origin: PUBLIC_URL } });
    ours.socket.close();
    expect(ours.error).toBeUndefined();
    const theirs = await openSocket(server.url, { headers: { Cookie: browser.cookie, Origin: server.url } });
    theirs.socket.close();
    expect(theirs.error?.data?.code).toBe('forbidden_origin');
  });

  it('leaves Bearer clients alone', async () => {
    const user = await signUp(server.url);
    await request(server.url)
      .post('/api/calendar/feed/revoke')
      .set(user.bearer)
      .set('Origin', EVIL)
      .expect(200);
  });
});

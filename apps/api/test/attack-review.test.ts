import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { SOCKET_CAPS, SOCKET_CONNECT_RATE } from '@mockboard/contracts';
import { signUp, type SignedUpUser } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Gaps found by attacking the hardened build (issue 11) that the per-point tests did not cover:
 * each test here failed before its fix.
 */

type ConnectError = Error & { data?: { code?: string } };

/** One socket of `user`; resolves with it, or with the handshake's refusal. */
function openSocket(baseUrl: string, user: SignedUpUser): Promise<{ socket: Socket; error?: ConnectError }> {
  const socket = io(baseUrl, {
    auth: { token: user.accessToken },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket }));
    socket.once('connect_error', (error: ConnectError) => resolve({ socket, error }));
  });
}

describe('attack review (issue 11)', () => {
  let server: TestApp;

  beforeAll(async () => {
    server = await startTestApp();
  });

  afterAll(() => server.close());

  describe('socket churn', () => {
    // Every new socket starts with full event budgets (five joins, five commands…): closing and
    // reopening sockets in a loop, always under the per-user cap, multiplied them without limit.
    it('refuses a user who keeps closing and reopening sockets, with a rate_limited connect_error', async () => {
      const churner = await signUp(server.url);
      let refusal: ConnectError | undefined;
      let opened = 0;
      for (let attempt = 0; attempt < SOCKET_CONNECT_RATE.burst + 10 && !refusal; attempt++) {
        const { socket, error } = await openSocket(server.url, churner);
        socket.close();
        if (error) refusal = error;
        else opened += 1;
      }
      expect(opened).toBeGreaterThanOrEqual(SOCKET_CONNECT_RATE.burst);
      expect(opened).toBeLessThan(SOCKET_CONNECT_RATE.burst + 10);
      expect(refusal?.data?.code).toBe('rate_limited');
      expect(refusal?.message).toMatch(/^rate_limited: at most \d+ new connections per user/);
      expect(refusal?.message).toMatch(/retry in \d+ s$/);

      // Only that user is slowed down: another connects at once.
      const bystander = await openSocket(server.url, await signUp(server.url));
      expect(bystander.error).toBeUndefined();
      bystander.socket.close();
    });

    it('still answers too_many_sockets (not rate_limited) to a burst over the per-user cap', async () => {
      const user = await signUp(server.url);
      const attempts = await Promise.all(
        Array.from({ length: SOCKET_CAPS.perUser * 5 }, () => openSocket(server.url, user)),
      );
      const refused = attempts.filter((attempt) => attempt.error);
      expect(attempts.length - refused.length).toBe(SOCKET_CAPS.perUser);
      expect(new Set(refused.map((attempt) => attempt.error?.data?.code))).toEqual(
        new Set(['too_many_sockets']),
      );
      for (const { socket } of attempts) socket.close();
    });
  });

  describe('display names', () => {
    it.each([
      ['a Unicode line separator', 'Ada\u2028Lovelace'],
      ['a Unicode paragraph separator', 'Ada\u2029Lovelace'],
      ['only a combining grapheme joiner', '\u034F'],
      ['only combining marks', '\u0301\u0308'],
    ])('refuses %s with a 400 naming displayName', async (_what, displayName) => {
      const user = await signUp(server.url);
      const response = await request(server.url)
        .patch('/api/me')
        .set(user.bearer)
        .send({ displayName })
        .expect(400);
      expect(response.body.message).toMatch(/^Invalid request body: displayName must/);
      expect(response.body.fields).toEqual([{ field: 'displayName', message: expect.any(String) }]);
    });
  });
});

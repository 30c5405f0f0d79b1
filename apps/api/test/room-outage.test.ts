import type { Socket } from 'socket.io-client';
import request from 'supertest';
import type { ErrorAck, JoinAck } from '@mockboard/contracts';
import { signUp } from './support/factories';
import { aLiveSession, call, connect } from './support/room-client';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * A database outage is answered as one: worth a retry (`unavailable`, 503), never mistaken for a
 * refusal. A participant told `forbidden` during an outage would give up on a room that is theirs.
 */
describe('the room during a database outage', () => {
  let server: TestApp;
  const sockets: Socket[] = [];

  beforeEach(async () => {
    server = await startTestApp();
  });
  afterEach(async () => {
    sockets.splice(0).forEach((socket) => socket.disconnect());
    await server.close();
  });

  it('answers a join with unavailable, not forbidden, and REST with 503, once the database is unreachable', async () => {
    const host = await signUp(server.url);
    const guest = await signUp(server.url);
    const sessionId = (await aLiveSession(server.url, host, guest)).id;
    const before = await connect(server.url, host);
    const during = await connect(server.url, guest);
    sockets.push(before, during);
    expect(await call<JoinAck>(before, 'session:join', { sessionId })).toMatchObject({ ok: true });

    await server.dataSource.destroy();

    expect(await call<ErrorAck>(during, 'session:join', { sessionId })).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'The server cannot reach its database; retrying shortly' },
    });
    const board = await request(server.url)
      .get(`/api/sessions/${sessionId}/board?round=1`)
      .set(guest.bearer)
      .expect(503);
    expect(board.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
  });
});

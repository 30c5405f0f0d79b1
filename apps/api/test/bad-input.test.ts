import type { Socket } from 'socket.io-client';
import request from 'supertest';
import { aRegistration, signUp } from './support/factories';
import { aLiveSession, call, connect } from './support/room-client';
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

/** `[[[…]]]` nested `depth` levels deep: valid JSON that a recursive walk cannot finish. */
function nestedArrays(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/**
 * socket.io's client walks a payload recursively before sending it, so a message too deep for it
 * is written as a raw socket.io packet (`2<ack id>[event, payload]`; its ack comes back as `3<ack id>[reply]`) straight onto the transport.
 */
function sendRaw(socket: Socket, packet: string): void {
  (socket.io.engine as unknown as { write(data: string): void }).write(packet);
}

let rawAckId = 900_000;
/** Emits `[event, payloadJson]` as a raw packet and resolves with the server's ack. */
function rawCall(socket: Socket, event: string, payloadJson: string): Promise<unknown> {
  rawAckId += 1;
  const prefix = `3${rawAckId}[`;
  return new Promise((resolve) => {
    const onMessage = (data: unknown) => {
      if (typeof data !== 'string' || !data.startsWith(prefix)) return;
      socket.io.engine.off('message', onMessage);
      resolve((JSON.parse(data.slice(prefix.length - 1)) as unknown[])[0]);
    };
    socket.io.engine.on('message', onMessage);
    sendRaw(socket, `2${rawAckId}[${JSON.stringify(event)},${payloadJson}]`);
  });
}

describe('bodies and ids the server cannot read', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp();
  });
  afterAll(() => server.close());

  it('answers JSON nested 10,000 levels deep with 400 naming the depth limit', async () => {
    for (const body of [nestedArrays(10_000), `{"email": ${nestedArrays(10_000)}, "password": "x"}`]) {
      const response = await request(server.url)
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(body)
        .expect(400);
      expect(response.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'The request body nests objects or arrays more than 64 levels deep',
      });
    }
    await request(server.url).get('/api/health').expect(200);
  });

  it('still reads JSON nested as deep as the limit', async () => {
    const response = await request(server.url)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(`{"email": ${nestedArrays(63)}, "password": "x"}`)
      .expect(400);
    expect(response.body.fields.map((field: { field: string }) => field.field)).toEqual(['email']);
  });

  it('answers a gzip-encoded body that is not gzip with 400', async () => {
    const response = await request(server.url)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .send('{"email": "a@example.test", "password": "not really gzip"}')
      .expect(400);
    expect(response.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'The request body could not be decompressed: it is not valid gzip data',
    });
  });

  it('answers an unknown Content-Encoding with 415 naming it', async () => {
    const response = await request(server.url)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'zstd-ish')
      .send('{}')
      .expect(415);
    expect(response.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
    expect(response.body.message).toMatch(/zstd-ish/);
  });

  it('answers a NUL character in a whiteboard file id, or any other path parameter, with 400', async () => {
    const [host, guest] = [await signUp(server.url), await signUp(server.url)];
    const session = await aLiveSession(server.url, host, guest);
    const nul = await request(server.url)
      .get(`/api/sessions/${session.id}/files/a%00b`)
      .set(host.bearer)
      .expect(400);
    expect(nul.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Invalid request params: fileId text must not contain NUL (U+0000) characters',
      fields: [{ field: 'fileId', message: 'text must not contain NUL (U+0000) characters' }],
    });
    const tooLong = await request(server.url)
      .get(`/api/sessions/${session.id}/files/${'x'.repeat(129)}`)
      .set(host.bearer)
      .expect(400);
    expect(tooLong.body.fields).toEqual([
      { field: 'fileId', message: 'must be 1–128 letters, digits, - or _' },
    ]);
    for (const [path, field] of [
      ['/api/shared/a%00b', 'token'],
      ['/api/calendar/feed/a%00b.ics', 'token'],
      ['/api/sessions/a%00b', 'id'],
    ]) {
      const response = await request(server.url).get(path!).set(host.bearer).expect(400);
      expect(response.body.fields.map((error: { field: string }) => error.field)).toEqual([field]);
      expectNoInternals(response.body);
    }
  });

  it('answers a socket payload nested 10,000 levels deep with bad_request and keeps the socket working', async () => {
    const [host, guest] = [await signUp(server.url), await signUp(server.url)];
    const session = await aLiveSession(server.url, host, guest);
    const socket = await connect(server.url, host);
    try {
      const deep = nestedArrays(10_000);
      for (const [event, payload] of [
        ['session:join', `{"sessionId": "${session.id}", "extra": ${deep}}`],
        ['scene:update', `{"sessionId": "${session.id}", "elements": [${deep}]}`],
        ['session:phase', deep],
      ] as const) {
        expect(await rawCall(socket, event, payload)).toEqual({
          ok: false,
          error: {
            code: 'bad_request',
            message: 'The message nests objects or arrays more than 64 levels deep',
          },
        });
      }
      // Cursor moves have no ack: the deep one is dropped, and the socket still answers.
      sendRaw(socket, `2["pointer:update",{"sessionId":"${session.id}","x":${deep},"y":1}]`);
      expect(await call(socket, 'session:join', { sessionId: session.id })).toMatchObject({ ok: true });
    } finally {
      socket.disconnect();
    }
  });
});

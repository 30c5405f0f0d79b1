import request from 'supertest';
import { ROOM_LIMITS } from '@mockboard/contracts';
import { signUp, type SignedUpUser } from './support/factories';
import { aLiveSession } from './support/room-client';
import { startTestApp, type TestApp } from './support/test-app';

/** The 8-byte PNG signature and a few bytes after it: enough to be stored and served back. */
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('mockboard'),
]);

describe('images pasted into the whiteboard', () => {
  let server: TestApp;
  let host: SignedUpUser;
  let guest: SignedUpUser;
  let sessionId: string;

  beforeAll(async () => {
    server = await startTestApp();
    host = await signUp(server.url);
    guest = await signUp(server.url);
    sessionId = (await aLiveSession(server.url, host, guest)).id;
  });
  afterAll(() => server.close());

  const put = (user: SignedUpUser, fileId: string, body: Buffer, type = 'image/png') =>
    request(server.url)
      .put(`/api/sessions/${sessionId}/files/${fileId}`)
      .set(user.bearer)
      .set('Content-Type', type)
      .send(body);

  it('stores an image from one participant and serves it to the other', async () => {
    await put(host, 'file-1', PNG).expect(204);
    const response = await request(server.url)
      .get(`/api/sessions/${sessionId}/files/file-1`)
      .set(guest.bearer)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-type']).toBe('image/png');
    // An image never changes under its id: kept a year, over the API's default no-store.
    expect(response.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(Buffer.compare(response.body as Buffer, PNG)).toBe(0);
  });

  it('serves nothing to someone outside the session', async () => {
    await put(host, 'file-2', PNG).expect(204);
    const stranger = await signUp(server.url);
    await request(server.url).get(`/api/sessions/${sessionId}/files/file-2`).set(stranger.bearer).expect(404);
    await put(stranger, 'file-3', PNG).expect(404);
  });

  it('refuses an image over the size cap with 413 naming the limit', async () => {
    const response = await put(host, 'big', Buffer.alloc(ROOM_LIMITS.maxImageBytes + 1)).expect(413);
    expect(response.body.message).toContain(String(ROOM_LIMITS.maxImageBytes));
  });

  it('refuses new images once the session is over', async () => {
    const tomorrow = new Date(Date.now() + 24 * 3_600_000);
    tomorrow.setUTCMinutes(0, 0, 0);
    const other = await aLiveSession(server.url, host, await signUp(server.url), {
      startsAt: tomorrow.toISOString(),
    });
    await request(server.url)
      .post(`/api/sessions/${other.id}/cancel`)
      .set(host.bearer)
      .send({ reason: 'Something came up' })
      .expect(200);
    const refused = await request(server.url)
      .put(`/api/sessions/${other.id}/files/late`)
      .set(host.bearer)
      .set('Content-Type', 'image/png')
      .send(PNG)
      .expect(409);
    expect(refused.body.message).toMatch(/cancelled/);
  });

  it('refuses SVG and other types that could run script, and bad file ids', async () => {
    const svg = await put(host, 'vector', Buffer.from('<svg onload="alert(1)"/>'), 'image/svg+xml').expect(
      415,
    );
    expect(svg.body.message).toMatch(/image\/png/);
    await put(host, 'bad id!', PNG).expect(400);
  });
});

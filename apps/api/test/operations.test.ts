import request from 'supertest';
import { signUp } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

describe('operations', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await startTestApp();
  });
  afterAll(() => server.close());

  it('reports health with the database reachable', async () => {
    const response = await request(server.url).get('/api/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('exposes Prometheus metrics: an HTTP latency histogram by route and process metrics', async () => {
    await request(server.url).get('/api/prompts/url-shortener').expect(200);
    const response = await request(server.url).get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toMatch(
      /http_request_duration_seconds_bucket\{[^}]*route="\/api\/prompts\/:id"[^}]*status_code="200"/,
    );
    expect(response.text).toContain('process_cpu_user_seconds_total');
    expect(response.text).toContain('nodejs_heap_size_used_bytes');
    // What bench/realtime reads of the server's event loop, and the garbage collector's time.
    expect(response.text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(response.text).toMatch(/^nodejs_eventloop_lag_max_seconds \d/m);
    expect(response.text).toContain('# TYPE nodejs_gc_duration_seconds histogram');
  });

  it('sends helmet security headers', async () => {
    const response = await request(server.url).get('/api/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('keeps API answers out of every cache, errors included, unless the route says otherwise', async () => {
    const user = await signUp(server.url);
    const me = await request(server.url).get('/api/me').set(user.bearer).expect(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const refused = await request(server.url).get('/api/me').expect(401);
    expect(refused.headers['cache-control']).toBe('no-store');
    const unknown = await request(server.url).get('/api/no-such-thing').set(user.bearer).expect(404);
    expect(unknown.headers['cache-control']).toBe('no-store');
    // The week's open slots: kept by the browser only, asked for again, a 304 while unchanged.
    const slots = await request(server.url).get('/api/slots').set(user.bearer).expect(200);
    expect(slots.headers['cache-control']).toBe('private, no-cache');
    expect(slots.headers.etag).toBeTruthy();
    const unchanged = await request(server.url)
      .get('/api/slots')
      .set(user.bearer)
      .set('If-None-Match', slots.headers.etag as string)
      .expect(304);
    expect(unchanged.text).toBe('');
  });

  it('publishes OpenAPI at /api/docs, documenting request bodies from the shared schemas', async () => {
    const page = await request(server.url).get('/api/docs').expect(200);
    expect(page.text).toContain('swagger');
    const document = (await request(server.url).get('/api/docs.json').expect(200)).body;
    const register = document.paths['/api/auth/register'].post;
    const schema = register.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['email', 'password', 'displayName', 'timezone']));
    expect(schema.properties.password.minLength).toBe(10);
    expect(document.paths['/api/prompts'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['tag', 'difficulty', 'q']),
    );
  });

  it('serves the web app at / and its index for client-side routes', async () => {
    const home = await request(server.url).get('/').set('Accept', 'text/html').expect(200);
    expect(home.text).toContain('<div id="root">');
    const deepLink = await request(server.url)
      .get('/prompts/url-shortener')
      .set('Accept', 'text/html')
      .expect(200);
    expect(deepLink.text).toBe(home.text);
  });

  it('answers 503 from health once the database is unreachable', async () => {
    const other = await startTestApp();
    try {
      await other.dataSource.destroy();
      const response = await request(other.url).get('/api/health').expect(503);
      expect(response.body).toMatchObject({ status: 'unavailable', database: 'down' });
    } finally {
      await other.close();
    }
  });
});

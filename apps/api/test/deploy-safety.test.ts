import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { CalendarFeedResponse } from '@mockboard/contracts';
import { ConfigError, loadConfig } from '../src/config/app-config';
import { MetricsServer } from '../src/health/metrics-server';
import { aRegistration, signUp } from './support/factories';
import { REPO_ROOT, startTestApp, type TestApp } from './support/test-app';

/** Source code builds its secrets at run time; examples a reader could copy live in the other files. */
const CODE_FILE = /\.(ts|tsx|js|mjs|cjs)$|(^|\/)package-lock\.json$/;

/**
 * Every literal `JWT_SECRET=value` / `JWT_SECRET: value` in the repository's tracked non-code files.
 * Shell and compose substitutions (`$(openssl …)`, `${JWT_SECRET:?…}`) are not values, but a compose
 * default (`${JWT_SECRET:-value}`) is.
 */
function publishedJwtSecrets(): { file: string; value: string }[] {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file && !CODE_FILE.test(file));
  return files.flatMap((file) => {
    const text = readFileSync(join(REPO_ROOT, file), 'utf8');
    return text.includes('\0') ? [] : jwtSecretsIn(text).map((value) => ({ file, value }));
  });
}

// The value is matched in a lookahead, so `${JWT_SECRET:-default}` yields its inner default too.
function jwtSecretsIn(text: string): string[] {
  return [...text.matchAll(/JWT_SECRET\s*[=:]\s*(?=(['"]?)([^\s'"`}]*)\1)/g)]
    .map((match) => match[2]!.replace(/^-/, ''))
    .filter((value) => value && !value.startsWith('$') && !value.startsWith('?'));
}

describe('deploy safety', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'mockboard-deploy-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finds the example secrets the repository once published (the scanner works)', () => {
    const doc = [
      'JWT_SECRET: ${JWT_SECRET:-change-me-to-a-long-random-secret-of-32-chars}',
      'JWT_SECRET: ${JWT_SECRET:?set one}',
      'export JWT_SECRET="my-docs-example-secret-0123456789abcdef"',
      'echo "JWT_SECRET=$(openssl rand -base64 48)" > .env',
      '# JWT_SECRET=',
    ].join('\n');
    expect(jwtSecretsIn(doc)).toEqual([
      'change-me-to-a-long-random-secret-of-32-chars',
      'my-docs-example-secret-0123456789abcdef',
    ]);
    expect(publishedJwtSecrets().length).toBeGreaterThanOrEqual(0);
  });

  it('refuses to start with any JWT_SECRET example found in the repository, naming the variable', () => {
    const examples = publishedJwtSecrets();
    for (const { file, value } of examples) {
      let error: unknown;
      try {
        loadConfig({ DATA_DIR: dataDir, JWT_SECRET: value });
      } catch (caught) {
        error = caught;
      }
      expect({ file, value, refused: error instanceof ConfigError }).toEqual({ file, value, refused: true });
      expect((error as Error).message).toContain('JWT_SECRET:');
      expect((error as Error).message).not.toContain(value);
    }
  });

  it('refuses the old docker-compose default secret', () => {
    expect(() =>
      loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'change-me-to-a-long-random-secret-of-32-chars' }),
    ).toThrow(/JWT_SECRET: is an example value published in the Mockboard repository/);
  });
});

describe('a default install (no PUBLIC_URL)', () => {
  let server: TestApp;
  beforeAll(async () => (server = await startTestApp()));
  afterAll(() => server.close());

  it('sends no HSTS and no Secure cookie over plain http', async () => {
    const health = await request(server.url).get('/api/health').expect(200);
    expect(health.headers['strict-transport-security']).toBeUndefined();
    const signup = await request(server.url).post('/api/auth/register').send(aRegistration()).expect(201);
    expect(String(signup.headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
  });

  it("writes links with http://localhost:<port>, never with the request's Host", async () => {
    const user = await signUp(server.url);
    const response = await request(server.url)
      .get('/api/calendar/feed')
      .set(user.bearer)
      .set('Host', 'evil.example')
      .set('X-Forwarded-Host', 'evil.example')
      .expect(200);
    const port = new URL(server.url).port;
    expect(
      (response.body as CalendarFeedResponse).url.startsWith(`http://localhost:${port}/api/calendar/feed/`),
    ).toBe(true);
  });

  it('serves /metrics openly when no METRICS_TOKEN or METRICS_PORT is set', async () => {
    expect((await request(server.url).get('/metrics').expect(200)).text).toContain(
      'http_request_duration_seconds',
    );
  });
});

describe('an https install with a metrics token', () => {
  const METRICS_TOKEN = 'metrics-token-for-the-scraper-0001';
  let server: TestApp;
  beforeAll(
    async () =>
      (server = await startTestApp({ PUBLIC_URL: 'https://mockboard.example.test', METRICS_TOKEN })),
  );
  afterAll(() => server.close());

  it('sends HSTS and marks the session cookie Secure', async () => {
    const health = await request(server.url).get('/api/health').expect(200);
    expect(health.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const signup = await request(server.url).post('/api/auth/register').send(aRegistration()).expect(201);
    expect(String(signup.headers['set-cookie'])).toMatch(/;\s*Secure/i);
  });

  it('answers /metrics only to Authorization: Bearer <METRICS_TOKEN>, else 401 saying what to send', async () => {
    const refused = await request(server.url).get('/metrics').expect(401);
    expect(refused.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Send Authorization: Bearer <METRICS_TOKEN> to read /metrics',
    });
    expect(refused.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    await request(server.url)
      .get('/metrics')
      .set('Authorization', 'Bearer wrong-token-of-some-length')
      .expect(401);
    await request(server.url).get('/metrics').set('Authorization', METRICS_TOKEN).expect(401);
    const user = await signUp(server.url);
    await request(server.url).get('/metrics').set(user.bearer).expect(401);
    const metrics = await request(server.url)
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    expect(metrics.text).toContain('http_request_duration_seconds');
  });
});

describe('metrics on their own port (METRICS_PORT)', () => {
  const METRICS_TOKEN = 'metrics-token-for-the-scraper-0002';
  let server: TestApp;
  let metricsUrl: string;
  beforeAll(async () => {
    server = await startTestApp({ METRICS_PORT: '0', METRICS_TOKEN });
    metricsUrl = `http://127.0.0.1:${server.app.get(MetricsServer).port}`;
  });
  afterAll(() => server.close());

  it('serves /metrics on METRICS_PORT only, not on the main port', async () => {
    expect(new URL(metricsUrl).port).not.toBe(new URL(server.url).port);
    await request(server.url).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(404);
    const metrics = await request(metricsUrl)
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    expect(metrics.text).toContain('process_cpu_user_seconds_total');
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('still asks for the token there, and serves nothing else', async () => {
    expect((await request(metricsUrl).get('/metrics').expect(401)).body).toMatchObject({ statusCode: 401 });
    await request(metricsUrl).get('/api/health').expect(404);
    await request(metricsUrl).post('/metrics').expect(404);
  });
});

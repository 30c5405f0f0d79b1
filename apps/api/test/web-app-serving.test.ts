import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The built web app's files are served, but never for a server path: the static handler does not
 * even look there (a file named like an API route proves it was not consulted).
 */
describe('serving the built web app', () => {
  let server: TestApp;
  let distDir: string;
  beforeAll(async () => {
    distDir = await mkdtemp(join(tmpdir(), 'mockboard-web-dist-'));
    await writeFile(join(distDir, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(join(distDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    await mkdir(join(distDir, 'api'));
    await writeFile(join(distDir, 'api', 'nothing-here'), 'a file, not the API');
    await writeFile(join(distDir, 'api', 'health'), 'a file, not the API');
    await writeFile(join(distDir, 'metrics'), 'a file, not the metrics');
    server = await startTestApp({ WEB_DIST_DIR: distDir });
  });
  afterAll(async () => {
    await server.close();
    await rm(distDir, { recursive: true, force: true });
  });

  it('serves its files and its index for client-side routes', async () => {
    const icon = await request(server.url).get('/favicon.svg').expect(200);
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(icon.headers['cache-control']).toBe('no-cache');
    const page = await request(server.url)
      .get('/prompts/url-shortener')
      .set('Accept', 'text/html')
      .expect(200);
    expect(page.text).toContain('<div id="root">');
  });

  it("answers an unknown /api path with the API's JSON 404, even as a browser asking for HTML", async () => {
    for (const accept of ['application/json', 'text/html']) {
      const response = await request(server.url).get('/api/nothing-here').set('Accept', accept).expect(404);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    }
  });

  it('lets the API and the metrics answer their own paths', async () => {
    const health = await request(server.url).get('/api/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok' });
    const metrics = await request(server.url).get('/metrics').expect(200);
    expect(metrics.text).toContain('process_cpu_user_seconds_total');
  });
});

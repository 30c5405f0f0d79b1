import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as sent, never decoded. */
  body: Buffer;
}

/** A request whose answer is read as it came over the wire (supertest decodes gzip itself). */
function rawRequest(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const { origin, hostname, port } = new URL(url);
    // The path as written, fragment and all (new URL would drop it, as browsers do).
    const path = url.slice(origin.length);
    const sent = httpRequest({ hostname, port, path, method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end();
  });
}

/** What Chromium sends with every request for a script. */
const BROWSER_ENCODINGS = 'gzip, deflate, br, zstd';

/**
 * The built web app's files are served, but never for a server path: the static handler does not
 * even look there (a file named like an API route proves it was not consulted).
 */
describe('serving the built web app', () => {
  let server: TestApp;
  let distDir: string;
  const aScript = Array.from(
    { length: 2000 },
    (_, index) => `export const step${index} = run(${index});`,
  ).join('\n');
  beforeAll(async () => {
    distDir = await mkdtemp(join(tmpdir(), 'mockboard-web-dist-'));
    await writeFile(join(distDir, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(join(distDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    await mkdir(join(distDir, 'api'));
    await writeFile(join(distDir, 'api', 'nothing-here'), 'a file, not the API');
    await writeFile(join(distDir, 'api', 'health'), 'a file, not the API');
    await writeFile(join(distDir, 'metrics'), 'a file, not the metrics');
    await mkdir(join(distDir, 'assets'));
    // As the build leaves them (apps/web/build/precompress.ts): copies beside a large script, none
    // beside a small one.
    await writeFile(join(distDir, 'assets', 'room-3f9a1c.js'), aScript);
    await writeFile(join(distDir, 'assets', 'room-3f9a1c.js.br'), brotliCompressSync(aScript));
    await writeFile(join(distDir, 'assets', 'room-3f9a1c.js.gz'), gzipSync(aScript));
    await writeFile(join(distDir, 'assets', 'tiny-77d0e2.js'), 'export const one = 1;');
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

  it('answers a missing file of the build with a 404, never with the index', async () => {
    for (const accept of ['*/*', 'text/html']) {
      for (const path of ['/assets/RoomPage-0ld8u1ld.js', '/fonts/Missing.woff2']) {
        const response = await request(server.url).get(path).set('Accept', accept).expect(404);
        expect(response.text).not.toContain('<div id="root">');
      }
    }
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

  describe('compressed once, at build time', () => {
    const script = () => `${server.url}/assets/room-3f9a1c.js`;

    it('sends a browser the brotli copy, as the script it asked for', async () => {
      const plain = await rawRequest(script());
      const encoded = await rawRequest(script(), { 'Accept-Encoding': BROWSER_ENCODINGS });
      expect(encoded.status).toBe(200);
      expect(encoded.headers['content-encoding']).toBe('br');
      expect(encoded.headers['content-type']).toMatch(/javascript/);
      expect(encoded.headers['content-type']).toBe(plain.headers['content-type']);
      expect(encoded.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(encoded.headers.vary).toMatch(/Accept-Encoding/i);
      expect(Number(encoded.headers['content-length'])).toBe(encoded.body.length);
      expect(encoded.body.length).toBeLessThan(aScript.length / 4);
      expect(brotliDecompressSync(encoded.body).toString()).toBe(aScript);
      // Each copy has its own validator, so a cache never answers one encoding with the other's bytes.
      expect(encoded.headers.etag).toBeDefined();
      expect(encoded.headers.etag).not.toBe(plain.headers.etag);
    });

    it('sends gzip to a client that takes only gzip, and the file as built to one that names none', async () => {
      for (const accept of ['gzip', 'br;q=0, gzip']) {
        const response = await rawRequest(script(), { 'Accept-Encoding': accept });
        expect(response.headers['content-encoding']).toBe('gzip');
        expect(gunzipSync(response.body).toString()).toBe(aScript);
      }
      const namingNone: Record<string, string>[] = [
        {},
        { 'Accept-Encoding': 'identity' },
        { 'Accept-Encoding': '*;q=0' },
      ];
      for (const headers of namingNone) {
        const response = await rawRequest(script(), headers);
        expect(response.status).toBe(200);
        expect(response.headers['content-encoding']).toBeUndefined();
        expect(response.headers.vary).toMatch(/Accept-Encoding/i);
        expect(response.body.toString()).toBe(aScript);
      }
    });

    it('answers HEAD, a query, a fragment and a revalidation for the copy, and sends a small file as it is', async () => {
      const head = await rawRequest(script(), { 'Accept-Encoding': BROWSER_ENCODINGS }, 'HEAD');
      const brotli = await readFile(join(distDir, 'assets', 'room-3f9a1c.js.br'));
      expect(head.headers['content-encoding']).toBe('br');
      expect(Number(head.headers['content-length'])).toBe(brotli.length);
      expect(head.body.length).toBe(0);

      const withQuery = await rawRequest(`${script()}?v=2`, { 'Accept-Encoding': BROWSER_ENCODINGS });
      expect(withQuery.headers['content-encoding']).toBe('br');
      expect(withQuery.body.equals(brotli)).toBe(true);

      // A fragment never comes from a browser; from a raw client it is no part of the path.
      const withFragment = await rawRequest(`${script()}#x.js`, { 'Accept-Encoding': BROWSER_ENCODINGS });
      expect(withFragment.headers['content-encoding']).toBe('br');
      expect(withFragment.body.equals(brotli)).toBe(true);

      const again = await rawRequest(script(), {
        'Accept-Encoding': BROWSER_ENCODINGS,
        'If-None-Match': head.headers.etag!,
      });
      expect(again.status).toBe(304);

      const tiny = await rawRequest(`${server.url}/assets/tiny-77d0e2.js`, {
        'Accept-Encoding': BROWSER_ENCODINGS,
      });
      expect(tiny.headers['content-encoding']).toBeUndefined();
      expect(tiny.body.toString()).toBe('export const one = 1;');
    });

    it('serves nothing outside its folder and never fails on a strange path', async () => {
      for (const path of [
        '/assets/..%2findex.html.js',
        '/assets/%2e%2e/%2e%2e/etc/passwd.js',
        '/assets/%E0%A4%A.js',
        '/assets/room-3f9a1c.js%00.js',
        '/assets/missing-000000.js',
      ]) {
        const response = await rawRequest(`${server.url}${path}`, {
          'Accept-Encoding': BROWSER_ENCODINGS,
          Accept: 'application/javascript',
        });
        expect([400, 403, 404]).toContain(response.status);
        expect(response.headers['content-encoding']).toBeUndefined();
        expect(response.body.toString()).not.toMatch(/\n\s+at /);
      }
    });
  });
});

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { precompressFiles } from './precompress';

describe('precompressFiles', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mockboard-precompress-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const script = (lines: number) =>
    Array.from(
      { length: lines },
      (_, index) => `export const value${index} = compute(${index}, "step");`,
    ).join('\n');

  it('writes brotli and gzip copies of a large script that decompress to it', async () => {
    const original = script(400);
    await writeFile(join(dir, 'app.js'), original);
    const report = await precompressFiles(dir, ['app.js']);
    const br = await readFile(join(dir, 'app.js.br'));
    const gz = await readFile(join(dir, 'app.js.gz'));
    expect(brotliDecompressSync(br).toString()).toBe(original);
    expect(gunzipSync(gz).toString()).toBe(original);
    expect(report).toEqual({
      files: 1,
      bytes: Buffer.byteLength(original),
      encodedBytes: { br: br.length, gzip: gz.length },
    });
    expect(br.length).toBeLessThan(gz.length);
  });

  it('leaves alone files too small to gain, fonts, and what does not compress', async () => {
    await writeFile(join(dir, 'tiny.js'), 'export const one = 1;');
    await writeFile(join(dir, 'font.woff2'), script(400));
    const noise = randomBytes(8192);
    await writeFile(join(dir, 'noise.json'), noise);
    const report = await precompressFiles(dir, ['tiny.js', 'font.woff2', 'noise.json']);
    for (const file of ['tiny.js', 'font.woff2', 'noise.json']) {
      expect(existsSync(join(dir, `${file}.br`))).toBe(false);
      expect(existsSync(join(dir, `${file}.gz`))).toBe(false);
    }
    // The noise was tried: it is served as it is, which the report counts at its own size.
    expect(report).toEqual({
      files: 1,
      bytes: noise.length,
      encodedBytes: { br: noise.length, gzip: noise.length },
    });
  });
});

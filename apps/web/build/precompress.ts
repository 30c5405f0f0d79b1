import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
// A relative path: Vite loads its config (and so this file) before its aliases apply. Nothing of
// Vite's here, so the spec beside it runs on its own (Vite's side is the plugin's file).
import {
  PRECOMPRESSED_ENCODINGS,
  PRECOMPRESSIBLE_ASSET,
  type PrecompressedEncoding,
} from '../../../libs/contracts/src/precompressed-assets';

/** Below this, a compressed copy saves less than its headers and a file read cost. */
const MIN_BYTES = 1024;
/** A copy is kept only if it is at most this share of the original. */
const MAX_RATIO = 0.9;

/** Brotli's 10: within 3 % of its slowest setting (11) in size, on 38 % of its CPU (~5 s here). */
const BROTLI_QUALITY = 10;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * Strong settings: the build compresses each asset once, and every visitor downloads it. zlib runs
 * on libuv's threads, so the files are compressed side by side.
 */
const compress: Record<PrecompressedEncoding['encoding'], (data: Buffer) => Promise<Buffer>> = {
  br: (data) =>
    brotli(data, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  gzip: (data) => gzipped(data, { level: constants.Z_BEST_COMPRESSION }),
};

/**
 * Written beside, then renamed into place: a build cut short leaves no half-written copy, which
 * the server would send with a year's caching.
 */
async function writeWhole(path: string, data: Buffer): Promise<void> {
  await writeFile(`${path}.partial`, data);
  await rename(`${path}.partial`, path);
}

export interface PrecompressReport {
  /** Files given that were worth compressing. */
  files: number;
  bytes: number;
  /** Per encoding, the bytes of the copies written plus those of the files left without one. */
  encodedBytes: Record<PrecompressedEncoding['encoding'], number>;
}

/**
 * Writes `<file>.br` and `<file>.gz` beside each of `files` (paths relative to `dir`) that is text
 * and large enough, keeping a copy only where it is clearly smaller than the original.
 */
export async function precompressFiles(dir: string, files: readonly string[]): Promise<PrecompressReport> {
  const report: PrecompressReport = { files: 0, bytes: 0, encodedBytes: { br: 0, gzip: 0 } };
  const worthIt = files.filter((file) => PRECOMPRESSIBLE_ASSET.test(file));
  await Promise.all(
    worthIt.map(async (file) => {
      const path = join(dir, file);
      const data = await readFile(path);
      if (data.length < MIN_BYTES) return;
      report.files += 1;
      report.bytes += data.length;
      for (const { encoding, suffix } of PRECOMPRESSED_ENCODINGS) {
        const copy = await compress[encoding](data);
        const kept = copy.length <= data.length * MAX_RATIO;
        if (kept) await writeWhole(path + suffix, copy);
        report.encodedBytes[encoding] += kept ? copy.length : data.length;
      }
    }),
  );
  return report;
}

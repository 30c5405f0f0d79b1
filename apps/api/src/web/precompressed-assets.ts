import { access } from 'node:fs/promises';
import { basename, join, normalize, sep } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import {
  PRECOMPRESSED_ENCODINGS,
  PRECOMPRESSIBLE_ASSET,
  type PrecompressedEncoding,
} from '@mockboard/contracts';

/** What `pointAtCompressedCopy` tells `setHeaders` about the file express.static will send. */
interface ChosenCopy {
  encoding: PrecompressedEncoding['encoding'];
  /** The file the browser asked for, whose type the response keeps. */
  original: string;
  /** The copy's file: the original's path and the encoding's suffix. */
  copy: string;
}
const CHOSEN = Symbol('precompressed copy');
type WithChosenCopy = Response & { [CHOSEN]?: ChosenCopy };

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * Sends a browser the build's compressed copy of an asset (apps/web/build/precompress.ts) when it
 * accepts that encoding: the room's scripts are 2 MB as built and about a quarter of that in
 * brotli, and compressing per request would cost the server CPU on every first visit.
 * `pointAtCompressedCopy` points the request at the copy; express.static then serves it, with its
 * caching, ranges and validators, and `setHeaders` gives the response the original's type and the
 * copy's encoding. The server's order decides, not the client's weights: any encoding the client
 * accepts at all will do (RFC 9110 allows it), and Chromium lists gzip before br.
 */
export class PrecompressedAssets {
  private readonly assetsDir: string;
  /**
   * The encodings written for each asset, found on its first request. Only files with a copy are
   * remembered, so the map is bounded by the build, not by what clients ask for; hashed assets
   * never change under the same name. One found without a copy is looked at again next time: it
   * may be a small file (the build leaves those as they are), or one asked for mid-build.
   */
  private readonly copies = new Map<string, Promise<PrecompressedEncoding[]>>();

  constructor(distDir: string) {
    this.assetsDir = join(distDir, 'assets') + sep;
  }

  readonly pointAtCompressedCopy = (request: Request, response: Response, next: NextFunction): void => {
    const file = this.assetFile(request);
    if (!file) return next();
    this.copiesOf(file).then(
      (encodings) => {
        if (encodings.length > 0) {
          response.vary('Accept-Encoding');
          const chosen = encodings.find(({ encoding }) => request.acceptsEncodings(encoding) === encoding);
          if (chosen) {
            const copy = { encoding: chosen.encoding, original: file, copy: file + chosen.suffix };
            (response as WithChosenCopy)[CHOSEN] = copy;
            // The suffix goes at the end of the path, before any query or fragment.
            const pathEnd = request.url.search(/[?#]|$/);
            request.url = request.url.slice(0, pathEnd) + chosen.suffix + request.url.slice(pathEnd);
          }
        }
        next();
      },
      () => next(),
    );
  };

  /** For express.static's setHeaders: the copy is sent as the original, encoded. */
  setHeaders(response: Response, path: string): void {
    const chosen = (response as WithChosenCopy)[CHOSEN];
    if (!chosen || path !== chosen.copy) return;
    response.setHeader('Content-Encoding', chosen.encoding);
    response.type(basename(chosen.original));
  }

  /** The asset file a GET or HEAD names, if it is one the build may have compressed. */
  private assetFile(request: Request): string | null {
    if (request.method !== 'GET' && request.method !== 'HEAD') return null;
    if (!PRECOMPRESSIBLE_ASSET.test(request.path)) return null;
    let decoded: string;
    try {
      decoded = decodeURIComponent(request.path);
    } catch {
      return null;
    }
    if (decoded.includes('\0')) return null;
    const file = normalize(join(this.assetsDir, '..', decoded));
    return file.startsWith(this.assetsDir) ? file : null;
  }

  private copiesOf(file: string): Promise<PrecompressedEncoding[]> {
    const known = this.copies.get(file);
    if (known) return known;
    const found = Promise.all(PRECOMPRESSED_ENCODINGS.map(({ suffix }) => exists(file + suffix))).then(
      (written) => {
        const encodings = PRECOMPRESSED_ENCODINGS.filter((_, index) => written[index]);
        if (encodings.length === 0) this.copies.delete(file);
        return encodings;
      },
    );
    this.copies.set(file, found);
    return found;
  }
}

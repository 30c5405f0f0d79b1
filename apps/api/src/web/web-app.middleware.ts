import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { PrecompressedAssets } from './precompressed-assets';

/** Paths the single-page app never owns: neither its assets nor its index answer them. */
const SERVER_PATHS = /^\/(api|socket\.io|metrics)(\/|$)/;
/**
 * The build's own folders: a file missing there is a 404, never the index. A tab open across a
 * redeploy asks for the previous build's chunks; a 404 says so plainly (the page then offers a
 * reload), where the index in their place would surface as a script with the wrong MIME type.
 */
const BUILD_PATHS = /^\/(assets|fonts)\//;

/**
 * Serves the built web app from `distDir`, and its index.html for any other GET that asks for HTML
 * (client-side routes such as /prompts/url-shortener). Hashed assets are cached for a year, and
 * sent compressed when the build wrote a copy the browser accepts.
 */
export function webAppHandlers(distDir: string): RequestHandler[] {
  const indexFile = join(distDir, 'index.html');
  const fallback = (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (SERVER_PATHS.test(request.path) || BUILD_PATHS.test(request.path) || !request.accepts('html'))
      return next();
    if (!existsSync(indexFile)) {
      response
        .status(503)
        .type('text/plain')
        .send('The web app is not built yet. Run "npm run build:web" (npm start does it for you).');
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexFile);
  };
  const precompressed = new PrecompressedAssets(distDir);
  const assets = express.static(distDir, {
    index: false,
    setHeaders: (response, path) => {
      const hashed = path.includes(`${join(distDir, 'assets')}`);
      response.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      precompressed.setHeaders(response, path);
    },
  });
  // express.static would stat the disk for every API request before the API's routes answered.
  const serverSkipsAssets = (request: Request, response: Response, next: NextFunction): void => {
    if (SERVER_PATHS.test(request.path)) return next();
    precompressed.pointAtCompressedCopy(request, response, () => assets(request, response, next));
  };
  return [serverSkipsAssets, fallback];
}

import { cpSync, createReadStream, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { excalidrawLaserRest } from './build/excalidraw-laser-rest';
import { precompressedAssets } from './build/precompressed-assets-plugin';

// The root package.json runs Vite with `--config apps/web/vite.config.ts` from the repository root,
// so every path here is made absolute from this file rather than from the working directory; and
// with `--configLoader runner`, as this config imports our own TypeScript (build/, and through it a
// contract from libs/): Vite's default loader bundles it too, but warns on every build that its
// native loader, planned as the default, will not load such imports; the module runner loads them
// as they are written.
const webRoot = fileURLToPath(new URL('.', import.meta.url));
const apiOrigin = 'http://localhost:3000';

/**
 * Excalidraw loads its fonts at run time from `window.EXCALIDRAW_ASSET_PATH` + `fonts/…` (a CDN by
 * default). Our CSP and self-hosters want them from our own origin: copy the package's font folder
 * to `/fonts/` of the build, and serve it from node_modules in development.
 */
function excalidrawFonts(): Plugin {
  const require = createRequire(import.meta.url);
  const fontsDir = join(dirname(require.resolve('@excalidraw/excalidraw')), 'fonts');
  let outDir = '';
  return {
    name: 'mockboard:excalidraw-fonts',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use('/fonts', (request, response, next) => {
        const file = join(fontsDir, normalize(decodeURIComponent(request.url ?? '/').split('?')[0]!));
        if (!file.startsWith(fontsDir) || !existsSync(file) || !statSync(file).isFile()) return next();
        response.setHeader('Content-Type', 'font/woff2');
        createReadStream(file).pipe(response);
      });
    },
    writeBundle() {
      cpSync(fontsDir, join(outDir, 'fonts'), { recursive: true });
    },
  };
}

export default defineConfig({
  root: webRoot,
  plugins: [react(), excalidrawFonts(), excalidrawLaserRest(), precompressedAssets()],
  // The development server pre-bundles dependencies without the build's plugins: without this,
  // `npm run dev` would serve Excalidraw's endless laser loop (build/excalidraw-laser-rest.ts).
  optimizeDeps: { rolldownOptions: { plugins: [excalidrawLaserRest()] } },
  resolve: {
    alias: {
      // Bundle the contracts from source: the browser needs ESM, and libs/contracts/dist is CommonJS.
      '@mockboard/call': fileURLToPath(new URL('../../libs/call/src', import.meta.url)),
      '@mockboard/collab': fileURLToPath(new URL('../../libs/collab/src', import.meta.url)),
      '@mockboard/contracts': fileURLToPath(new URL('../../libs/contracts/src', import.meta.url)),
      '@mockboard/scene': fileURLToPath(new URL('../../libs/scene/src', import.meta.url)),
      '@mockboard/schedule': fileURLToPath(new URL('../../libs/schedule/src', import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // precompressedAssets reports the sizes that are served; Vite's own gzip of every chunk is not.
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        // The chunk with Excalidraw's core (loaded by the room and the replay only) is named after it,
        // not after whichever of our small modules it happens to share.
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some((id) => /@excalidraw[\\/]excalidraw[\\/]dist[\\/]prod[\\/]index\.js$/.test(id))
            ? 'assets/excalidraw-[hash].js'
            : 'assets/[name]-[hash].js',
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    // The API serves the built app on the same origin in production; in development Vite forwards
    // these paths so the session cookie stays first-party.
    proxy: {
      '/api': { target: apiOrigin },
      '/metrics': { target: apiOrigin },
      '/socket.io': { target: apiOrigin, ws: true },
    },
  },
});

import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The root package.json runs Vite with `--config apps/web/vite.config.ts` from the repository root,
// so every path here is made absolute from this file rather than from the working directory.
const webRoot = fileURLToPath(new URL('.', import.meta.url));
const apiOrigin = 'http://localhost:3000';

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  resolve: {
    alias: {
      // Bundle the contracts from source: the browser needs ESM, and libs/contracts/dist is CommonJS.
      '@mockboard/contracts': fileURLToPath(new URL('../../libs/contracts/src', import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
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

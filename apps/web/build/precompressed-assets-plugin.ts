import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { precompressFiles } from './precompress';

const kib = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en')} KiB`;

/** Vite plugin: compresses the build's emitted assets once they are written. */
export function precompressedAssets(): Plugin {
  let outDir = '';
  let log: (message: string) => void = () => {};
  return {
    name: 'mockboard:precompressed-assets',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      log = (message) => config.logger.info(message);
    },
    async writeBundle(_options, bundle) {
      const started = Date.now();
      // Only hashed assets: the server serves index.html itself, uncached and small.
      const files = Object.keys(bundle).filter((file) => file.startsWith('assets/'));
      const report = await precompressFiles(outDir, files);
      const { br, gzip: gz } = report.encodedBytes;
      log(
        `precompressed ${report.files} assets (${kib(report.bytes)}): brotli ${kib(br)}, gzip ${kib(gz)} ` +
          `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    },
  };
}

/**
 * A Jest transform for PGlite's CommonJS build, so that Jest runs without --experimental-vm-modules.
 *
 * PGlite's CommonJS files load Node's own modules with `await import("fs/promises")`, `import("zlib")`
 * and the like. Inside Jest's per-file vm context, a dynamic import needs that flag, and with it Node 20
 * keeps each test file's whole context (its modules, its Nest apps) in its registry of dynamic-import
 * callbacks after the file ends: ~70 MB a browser file, 1.7 GB in a CI worker. Every such import in
 * PGlite names a built-in module, so it is rewritten to hand over the built-in itself, which is what the
 * import would have resolved to. Any other dynamic import is left alone (and would fail loudly).
 */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { isBuiltin } = require('node:module');

const DYNAMIC_IMPORT_OF_A_LITERAL = /\bimport\(\s*(["'])([^"'\s]+)\1\s*\)/g;

function withBuiltinsHandedOver(source) {
  return source.replace(DYNAMIC_IMPORT_OF_A_LITERAL, (call, quote, id) =>
    isBuiltin(id)
      ? // `process.getBuiltinModule`, not `require`: PGlite's Emscripten code declares its own `var require`.
        `Promise.resolve(process.getBuiltinModule(${quote}${id}${quote}))`
      : call,
  );
}

const thisFile = readFileSync(__filename);

module.exports = {
  process(source) {
    return { code: withBuiltinsHandedOver(source) };
  },
  getCacheKey(source, path) {
    return createHash('sha256').update(thisFile).update(path).update(source).digest('hex');
  },
  withBuiltinsHandedOver,
};

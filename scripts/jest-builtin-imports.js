/**
 * A Jest transform for PGlite's CommonJS build, so that Jest runs without --experimental-vm-modules.
 *
 * PGlite's CommonJS files load Node's own modules with `await import("fs/promises")`, `import("zlib")`
 * and the like. Inside Jest's per-file vm context, a dynamic import needs that flag, and with it Node 20
 * keeps each test file's whole context in its registry of dynamic-import callbacks after the file ends
 * (.ci/run, beside the Jest step). Every such import in PGlite names a built-in module and only takes
 * named exports from it, so it is rewritten to hand over the built-in's exports, which have those
 * names too. Any other dynamic import is left alone (and would fail loudly).
 */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { isBuiltin } = require('node:module');

// `import(` not preceded by a name or a dot (so not `x.import(`), then a quoted module name.
const DYNAMIC_IMPORT_OF_A_LITERAL = /(?<![\w$.])import\(\s*(["'])([^"'\s]+)\1\s*\)/g;

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
};

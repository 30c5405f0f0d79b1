/**
 * The web build writes compressed copies beside each large text asset it emits, once
 * (apps/web/build/precompress.ts); the server sends a browser the first copy here that it accepts
 * (apps/api/src/web/precompressed-assets.ts), so no request pays for compressing anything.
 * Brotli first: 14 % smaller than gzip on our build (2,357 KiB against 2,727 for 8,492 as built),
 * offered by browsers to HTTPS and localhost origins. Over plain HTTP to another host they offer
 * gzip only, and get the gzip copy.
 */
export const PRECOMPRESSED_ENCODINGS = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

export type PrecompressedEncoding = (typeof PRECOMPRESSED_ENCODINGS)[number];

/** The build's assets worth compressing: text. Fonts (woff2) and images are compressed already. */
export const PRECOMPRESSIBLE_ASSET = /\.(?:js|mjs|css|svg|json|html|txt|wasm)$/;

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { OWASP_PASSWORD_HASH_COST, type PasswordHashCost } from './password-hash-cost';
import { MAIL_ENV_SHAPE, mailConfigOf, type MailConfig } from './mail-config';

const MAKE_A_SECRET = 'generate your own, e.g. with `openssl rand -base64 48`';

/**
 * JWT_SECRET values anyone can read in this repository (the old docker-compose default, examples in
 * docs): a server signing with one of them lets anybody sign in as any user. The one list of them;
 * deploy-safety.test.ts scans the repository's files so a new example cannot slip past it.
 */
export const PUBLISHED_JWT_SECRETS: readonly string[] = ['change-me-to-a-long-random-secret-of-32-chars'];

/**
 * Whether a secret is a published one, also when copied with stray quotes, spaces or another
 * letter case (a `.env` line pasted from the docs): anyone could still guess such a variant.
 */
function isPublishedSecret(secret: string): boolean {
  const bare = secret
    .trim()
    .replace(/^(['"`])(.*)\1$/s, '$2')
    .trim()
    .toLowerCase();
  return PUBLISHED_JWT_SECRETS.some((published) => published.toLowerCase() === bare);
}

/** Variables whose values are never printed, not even in a configuration error. */
const SECRET_VARIABLES = new Set(['JWT_SECRET', 'METRICS_TOKEN', 'TURN_SECRET']);

/**
 * Cheap guard against hand-typed secrets: fewer than 8 distinct characters, or one short pattern
 * repeated (e.g. "abcabc…"). 32 random hex characters have fewer than 8 distinct ones with a
 * probability below 1e-7, so a generated secret is never refused.
 */
function isLowEntropy(secret: string): boolean {
  if (new Set(secret).size < 8) return true;
  // Periodic with a period p: shifting by p leaves the string unchanged.
  for (let period = 1; period <= Math.min(64, secret.length / 2); period++) {
    if (secret.slice(period) === secret.slice(0, secret.length - period)) return true;
  }
  return false;
}

/** An http(s) origin, optionally with a trailing slash: no path, query, fragment or credentials. */
function isPublicOrigin(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.pathname === '/' &&
    !url.search &&
    !url.hash &&
    !url.username &&
    !url.password &&
    !value.includes('?') &&
    !value.includes('#')
  );
}

/** A comma-separated list, spaces around items and empty items ignored. */
function listOf(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** A host name, an IPv4 address or a bracketed IPv6 address, then an optional port. */
const ICE_HOST = String.raw`(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?`;
/** RFC 7064: `stun:` or `stuns:`, a host, an optional port. */
const STUN_URL = new RegExp(`^stuns?:${ICE_HOST}$`, 'i');
/** RFC 7065: `turn:` or `turns:`, a host, an optional port, an optional `?transport=udp|tcp`. */
const TURN_URL = new RegExp(`^turns?:${ICE_HOST}(?:\\?transport=(?:udp|tcp))?$`, 'i');

/** How a bad value is shown in a configuration error: secrets and URL passwords never appear. */
function shownValue(name: string, value: string | undefined): string {
  if (value === undefined) return 'nothing';
  if (SECRET_VARIABLES.has(name)) return `a hidden value of ${value.length} characters`;
  return JSON.stringify(withoutPasswords(value));
}

/**
 * Masks a password in a URL (`scheme://user:password@host`, up to the last "@", so an unescaped "@"
 * or "/" in the password is masked too) or in libpq's `password=...` form. Masking too much is fine.
 */
function withoutPasswords(value: string): string {
  const url = /^([a-z][a-z0-9+.-]*:\/\/)(.*)@([^@]*)$/i.exec(value);
  const masked = url
    ? `${url[1]}${url[2]!.includes(':') ? `${url[2]!.split(':')[0]}:***` : url[2]}@${url[3]}`
    : value;
  return masked.replace(/(password\s*=\s*)\S+/gi, '$1***');
}

/**
 * Every environment variable the server reads, validated once at start. A bad value stops the
 * start with a message naming the variable; nothing else in the app reads `process.env`.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'must be a lower-case PostgreSQL identifier' })
    .default('public'),
  DATA_DIR: z.string().min(1).default('./.data'),
  SCENE_WRITER_THREAD: z.stringbool().default(true),
  JWT_SECRET: z
    .string()
    .min(32, { message: 'must be at least 32 characters' })
    .refine((secret) => !isPublishedSecret(secret), {
      message: `is an example value published in the Mockboard repository; ${MAKE_A_SECRET}`,
    })
    .refine((secret) => !isLowEntropy(secret), {
      message: `is too predictable (a repeated character or pattern); ${MAKE_A_SECRET}`,
    })
    .optional(),
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(90 * 24 * 3600)
    .default(7 * 24 * 3600),
  PUBLIC_URL: z
    .string()
    .refine(isPublicOrigin, {
      message:
        'must be the http:// or https:// address users open, without a path (e.g. https://mockboard.example.com)',
    })
    .optional(),
  COOKIE_SECURE: z.stringbool().optional(),
  TRUST_PROXY: z.stringbool().default(false),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
  ADMIN_EMAILS: z.string().default(''),
  PROMPTS_DIR: z.string().min(1).default('./prompts'),
  WEB_DIST_DIR: z.string().min(1).default('./apps/web/dist'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, { message: 'must be a redis:// or rediss:// URL' })
    .optional(),
  METRICS_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  STUN_URLS: z
    .string()
    .refine((list) => listOf(list).every((url) => STUN_URL.test(url)), {
      message: 'must be comma-separated stun: or stuns: URLs (e.g. stun:stun.example.com:3478)',
    })
    .optional(),
  TURN_URLS: z
    .string()
    .refine((list) => listOf(list).every((url) => TURN_URL.test(url)), {
      message: 'must be comma-separated turn: or turns: URLs (e.g. turn:turn.example.com:3478?transport=udp)',
    })
    .optional(),
  TURN_SECRET: z
    .string()
    .min(16, { message: "must be at least 16 characters (coturn's static-auth-secret)" })
    .optional(),
  TURN_CREDENTIAL_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(4 * 3600),
  ICE_TRANSPORT_POLICY: z.enum(['all', 'relay']).default('all'),
  ...MAIL_ENV_SHAPE,
});

export type LogLevel = z.infer<typeof EnvSchema>['LOG_LEVEL'];

export interface AppConfig {
  port: number;
  host: string;
  database:
    | {
        kind: 'postgres';
        url: string;
        schema: string;
        /**
         * SCENE_WRITER_THREAD (default true): scene batches are written from a thread of their own
         * with its own connection, so their round trips do not wait behind the room's sockets.
         */
        sceneWriterThread: boolean;
      }
    | { kind: 'embedded'; dataDir: string; schema: string };
  dataDir: string;
  jwt: { secret: string; ttlSeconds: number };
  /**
   * The origin users open (PUBLIC_URL, e.g. https://mockboard.example.com), for the links the app
   * writes and the Origin check; null when unset (links then use http://localhost:<port>).
   */
  publicUrl: string | null;
  cookieSecure: boolean;
  /** Strict-Transport-Security is sent only when the public URL is https. */
  hsts: boolean;
  /** METRICS_TOKEN: /metrics then needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** METRICS_PORT: /metrics is then served only on this port (on HOST), not on the main one. */
  metricsPort?: number;
  trustProxy: boolean;
  authRateLimitPerMinute: number;
  /**
   * argon2id's cost for new password hashes. No variable sets it, so no deployment can weaken it;
   * only tests lower it (testConfig), which sign up thousands of users at 35 ms of hashing each.
   */
  passwordHashCost: Readonly<PasswordHashCost>;
  adminEmails: string[];
  promptsDir: string;
  webDistDir: string;
  logLevel: LogLevel;
  redisUrl?: string;
  call: CallConfig;
  mail: MailConfig;
}

/** The call's ICE servers (STUN_URLS, TURN_URLS, TURN_SECRET, ...): empty lists when unset. */
export interface CallConfig {
  stunUrls: string[];
  /** TURN_URLS with coturn's static-auth-secret: credentials are issued per user (see ice-servers.ts). */
  turn: { urls: string[]; secret: string; credentialTtlSeconds: number } | null;
  /** `relay` sends every call through TURN (ICE_TRANSPORT_POLICY). */
  iceTransportPolicy: 'all' | 'relay';
}

export class ConfigError extends Error {}

/** Loads `.env` from the working directory into process.env when there is one (see .env.example). */
export function loadDotEnvIfPresent(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

/** Reads the environment into a typed config; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `${name}: ${issue.message} (got ${shownValue(name, env[name])})`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.METRICS_PORT !== undefined && e.METRICS_PORT !== 0 && e.METRICS_PORT === e.PORT) {
    throw new ConfigError(
      `Invalid configuration:\n  METRICS_PORT: must differ from PORT, or be unset to serve /metrics on PORT (got ${e.METRICS_PORT})`,
    );
  }
  const call = callConfigOf(e);
  const publicUrl = e.PUBLIC_URL ? new URL(e.PUBLIC_URL).origin : null;
  const https = publicUrl?.startsWith('https:') ?? false;
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? {
          kind: 'postgres',
          url: e.DATABASE_URL,
          schema: e.DATABASE_SCHEMA,
          sceneWriterThread: e.SCENE_WRITER_THREAD,
        }
      : { kind: 'embedded', dataDir: join(dataDir, 'pglite'), schema: e.DATABASE_SCHEMA },
    dataDir,
    jwt: { secret: e.JWT_SECRET ?? localSecret(dataDir), ttlSeconds: e.JWT_TTL_SECONDS },
    publicUrl,
    // An explicit COOKIE_SECURE wins (e.g. TLS ends before a proxy that PUBLIC_URL does not show).
    cookieSecure: e.COOKIE_SECURE ?? https,
    hsts: https,
    metricsToken: e.METRICS_TOKEN,
    metricsPort: e.METRICS_PORT,
    trustProxy: e.TRUST_PROXY,
    authRateLimitPerMinute: e.AUTH_RATE_LIMIT_PER_MINUTE,
    passwordHashCost: OWASP_PASSWORD_HASH_COST,
    adminEmails: e.ADMIN_EMAILS.split(',')
      .map((email) => email.trim().toLowerCase())
      .filter(Boolean),
    promptsDir: resolve(e.PROMPTS_DIR),
    webDistDir: resolve(e.WEB_DIST_DIR),
    logLevel: e.LOG_LEVEL,
    redisUrl: e.REDIS_URL,
    call,
    mail: mailConfigOf(e, env.MAIL_REMINDERS, publicUrl),
  };
}

/**
 * TURN needs its URLs and coturn's shared secret together (one without the other issues no
 * usable credentials), and `relay` without TURN would leave calls no path at all.
 */
function callConfigOf(e: z.infer<typeof EnvSchema>): CallConfig {
  const turnUrls = listOf(e.TURN_URLS ?? '');
  const problems: string[] = [];
  if (turnUrls.length > 0 && !e.TURN_SECRET)
    problems.push("TURN_SECRET: must be set with TURN_URLS (coturn's static-auth-secret)");
  if (turnUrls.length === 0 && e.TURN_SECRET)
    problems.push('TURN_URLS: must be set with TURN_SECRET (the TURN servers the secret is for)');
  if (e.ICE_TRANSPORT_POLICY === 'relay' && turnUrls.length === 0)
    problems.push('ICE_TRANSPORT_POLICY: relay needs TURN_URLS and TURN_SECRET (calls relay through TURN)');
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return {
    stunUrls: listOf(e.STUN_URLS ?? ''),
    turn:
      turnUrls.length > 0 && e.TURN_SECRET
        ? { urls: turnUrls, secret: e.TURN_SECRET, credentialTtlSeconds: e.TURN_CREDENTIAL_TTL_SECONDS }
        : null,
    iceTransportPolicy: e.ICE_TRANSPORT_POLICY,
  };
}

/**
 * Without JWT_SECRET, a random secret is made once and kept in DATA_DIR, so a newcomer needs no
 * setup and sign-ins survive restarts. Several instances must share JWT_SECRET instead.
 */
function localSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

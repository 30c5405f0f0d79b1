import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

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
  JWT_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(90 * 24 * 3600)
    .default(7 * 24 * 3600),
  COOKIE_SECURE: z.stringbool().default(false),
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
});

export type LogLevel = z.infer<typeof EnvSchema>['LOG_LEVEL'];

export interface AppConfig {
  port: number;
  host: string;
  database:
    { kind: 'postgres'; url: string; schema: string } | { kind: 'embedded'; dataDir: string; schema: string };
  dataDir: string;
  jwt: { secret: string; ttlSeconds: number };
  cookieSecure: boolean;
  trustProxy: boolean;
  authRateLimitPerMinute: number;
  adminEmails: string[];
  promptsDir: string;
  webDistDir: string;
  logLevel: LogLevel;
  redisUrl?: string;
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
      return `${name}: ${issue.message} (got ${JSON.stringify(env[name])})`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, schema: e.DATABASE_SCHEMA }
      : { kind: 'embedded', dataDir: join(dataDir, 'pglite'), schema: e.DATABASE_SCHEMA },
    dataDir,
    jwt: { secret: e.JWT_SECRET ?? localSecret(dataDir), ttlSeconds: e.JWT_TTL_SECONDS },
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY,
    authRateLimitPerMinute: e.AUTH_RATE_LIMIT_PER_MINUTE,
    adminEmails: e.ADMIN_EMAILS.split(',')
      .map((email) => email.trim().toLowerCase())
      .filter(Boolean),
    promptsDir: resolve(e.PROMPTS_DIR),
    webDistDir: resolve(e.WEB_DIST_DIR),
    logLevel: e.LOG_LEVEL,
    redisUrl: e.REDIS_URL,
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

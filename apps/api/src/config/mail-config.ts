import { z } from 'zod';

/** Outgoing mail settings (SMTP_URL, MAIL_FROM, REQUIRE_EMAIL_VERIFICATION, MAIL_REMINDERS). */
export interface MailConfig {
  /** smtp:// or smtps:// URL for nodemailer; null = no SMTP: mail goes to the log and the dev mailbox. */
  smtpUrl: string | null;
  /** The From header: `Name <address>` or a bare address. */
  from: string;
  /** Whether an unverified address blocks booking and receives only verify/reset mail. */
  requireEmailVerification: boolean;
  /** How long before a session each reminder goes out, in minutes, longest first; [] = no reminders. */
  reminderMinutes: number[];
}

/**
 * The mail variables of the environment schema (spread into app-config.ts's EnvSchema, so a bad
 * value is reported with all the others).
 */
export const MAIL_ENV_SHAPE = {
  SMTP_URL: z
    .string()
    .refine(isSmtpUrl, {
      message: 'must be an smtp:// or smtps:// URL (e.g. smtp://user:password@mail.example.com:587)',
    })
    .optional(),
  MAIL_FROM: z
    .string()
    .refine(isMailFrom, {
      message: 'must be an address or "Name <address>" (e.g. Mockboard <no-reply@example.com>)',
    })
    .optional(),
  REQUIRE_EMAIL_VERIFICATION: z.stringbool().optional(),
  MAIL_REMINDERS: z
    .string()
    .refine((list) => parseReminderMinutes(list) !== null, {
      message: 'must be comma-separated durations such as 24h,1h,30m (units m, h, d), or empty for none',
    })
    .default('24h,1h'),
};

type MailEnv = z.infer<z.ZodObject<typeof MAIL_ENV_SHAPE>>;

/**
 * The mail settings from the parsed variables. `rawReminders` is MAIL_REMINDERS as set: empty
 * variables count as unset elsewhere, but MAIL_REMINDERS= means "no reminders".
 */
export function mailConfigOf(
  e: MailEnv,
  rawReminders: string | undefined,
  publicUrl: string | null,
): MailConfig {
  return {
    smtpUrl: e.SMTP_URL ?? null,
    from: e.MAIL_FROM?.trim() ?? defaultMailFrom(publicUrl),
    // A private install without mail must keep working: verification is only required by default
    // when there is a way to deliver the link.
    requireEmailVerification: e.REQUIRE_EMAIL_VERIFICATION ?? e.SMTP_URL !== undefined,
    reminderMinutes: parseReminderMinutes(rawReminders === '' ? '' : e.MAIL_REMINDERS) ?? [],
  };
}

/**
 * Settings that start fine but send broken mail, for a warning at start: with SMTP_URL and no
 * PUBLIC_URL, every link in mail points to http://localhost, which no reader can open.
 */
export function mailConfigWarnings(config: { mail: MailConfig; publicUrl: string | null }): string[] {
  if (config.mail.smtpUrl && !config.publicUrl)
    return [
      'SMTP_URL is set but PUBLIC_URL is not: links in mail (verification, password reset, sessions, ' +
        'unsubscribe) point to http://localhost and will not open for readers. Set PUBLIC_URL to the ' +
        'address users open, e.g. https://mockboard.example.com.',
    ];
  return [];
}

const MINUTES_PER_UNIT = { m: 1, h: 60, d: 24 * 60 } as const;
const DURATION = /^(\d{1,5})\s*([mhd])$/i;

/** An smtp:// or smtps:// URL with a host (nodemailer reads user, password, port and options from it). */
export function isSmtpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
}

/** `address@host` or `Display Name <address@host>`; no line breaks (they would inject headers). */
export function isMailFrom(value: string): boolean {
  const address = String.raw`[^\s<>@,;"]+@[^\s<>@,;"]+`;
  return new RegExp(`^(?:${address}|[^<>\\r\\n]*<${address}>)$`).test(value.trim());
}

/**
 * `24h,1h,30m` (units m, h, d) → minutes, longest first, duplicates dropped; `''` → []. Returns
 * null when an item is not a positive duration, so the caller can name the variable.
 */
export function parseReminderMinutes(list: string): number[] | null {
  const items = list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const minutes: number[] = [];
  for (const item of items) {
    const match = DURATION.exec(item);
    if (!match) return null;
    const value =
      Number(match[1]) * MINUTES_PER_UNIT[match[2]!.toLowerCase() as keyof typeof MINUTES_PER_UNIT];
    if (value <= 0) return null;
    minutes.push(value);
  }
  return [...new Set(minutes)].sort((a, b) => b - a);
}

/** The default sender: no-reply at PUBLIC_URL's host, so receivers see the install's own domain. */
export function defaultMailFrom(publicUrl: string | null): string {
  const host = publicUrl ? new URL(publicUrl).hostname : 'localhost';
  return `Mockboard <no-reply@${host}>`;
}

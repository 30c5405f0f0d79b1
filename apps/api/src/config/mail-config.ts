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

import { z } from 'zod';

/** The levels a user practises for; also the level a candidate is judged to have performed at. */
export const TARGET_LEVELS = ['junior', 'mid', 'senior', 'staff'] as const;
export const TargetLevelSchema = z.enum(TARGET_LEVELS);
export type TargetLevel = z.infer<typeof TargetLevelSchema>;

export const ROLES = ['member', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** True when the runtime knows `zone` as an IANA time zone (e.g. "Europe/Berlin"). */
export function isIanaTimeZone(zone: string): boolean {
  if (!zone.includes('/') && zone !== 'UTC') return false;
  try {
    // Intl ignores case ("europe/berlin" works); store only the canonical spelling.
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    return resolved === zone || resolved.toLowerCase() !== zone.toLowerCase();
  } catch {
    return false;
  }
}

export const TimeZoneSchema = z
  .string()
  .max(64)
  .refine(isIanaTimeZone, { message: 'must be an IANA time zone such as "Europe/Berlin" or "UTC"' });

/**
 * How dates and times are written for a user, as a BCP 47 language tag ("en-US": 3:00 PM and
 * Nov 26; "en-GB": 15:00 and 26 Nov). Stored canonical, so "EN-us" is saved as "en-US".
 */
export const DateTimeLocaleSchema = z
  .string()
  .trim()
  .max(35, { message: 'must be at most 35 characters' })
  .refine(isSupportedLocale, { message: 'must be a language tag such as "en-US" or "de-DE"' })
  .transform((tag) => Intl.getCanonicalLocales(tag)[0] ?? tag);

/** True when `tag` is a well-formed language tag that the runtime can format dates in. */
export function isSupportedLocale(tag: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf(tag).length === 1;
  } catch {
    return false;
  }
}

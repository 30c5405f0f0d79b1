/**
 * The "Date and time format" choices in the profile: a few common ways of writing dates and times,
 * each shown by its own example so people pick by what they read, not by a language code.
 */
export const COMMON_DATE_TIME_LOCALES = [
  'en-US',
  'en-GB',
  'en-CA',
  'en-AU',
  'en-IN',
  'de-DE',
  'es-ES',
  'fr-FR',
  'it-IT',
  'nl-NL',
  'pl-PL',
  'pt-BR',
  'sv-SE',
  'uk-UA',
  'hi-IN',
  'ja-JP',
  'ko-KR',
  'zh-CN',
] as const;

// A Thursday afternoon, so the example shows the weekday, the day-month order and the clock.
const EXAMPLE = new Date('2026-11-26T15:00:00Z');

/** "English (United States): Thu, Nov 26, 2026, 3:00 PM", the language named in English. */
export function dateTimeFormatLabel(locale: string): string {
  let language = locale;
  try {
    language = new Intl.DisplayNames(['en'], { type: 'language' }).of(locale) ?? locale;
  } catch {
    // An unreadable tag is shown as it is.
  }
  return `${language}: ${dateTimeExample(locale)}`;
}

/** "Thu, Nov 26, 2026, 3:00 PM" in `locale`. */
export function dateTimeExample(locale: string): string {
  try {
    return new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    }).format(EXAMPLE);
  } catch {
    return locale;
  }
}

/** The choices, with a saved tag that is not among the common ones kept at the top. */
export function dateTimeFormatChoices(saved: string | null): string[] {
  const common: readonly string[] = COMMON_DATE_TIME_LOCALES;
  return saved && !common.includes(saved) ? [saved, ...common] : [...common];
}

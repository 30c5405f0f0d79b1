/**
 * An instant as a person in `timeZone` reads it, with the zone named so nobody guesses:
 * "Thu 26 Nov 2026, 16:30 (Asia/Kolkata)". With the reader's "Date and time format" (a language
 * tag such as "en-US") it is written their way: "Thu, Nov 26, 2026, 4:30 PM (Asia/Kolkata)".
 * Without one (the browser decides, and the server cannot ask it) the day-month, 24-hour form is
 * assembled from parts so the text does not depend on the ICU version's punctuation.
 */
export function formatInZone(instant: Date, timeZone: string, locale?: string | null): string {
  if (locale) {
    const written = formatInLocale(instant, timeZone, locale);
    if (written) return `${written} (${timeZone})`;
  }
  const parts = cachedFormat(
    `default|${timeZone}`,
    () =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone,
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  ).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')} (${timeZone})`;
}

/** As the web app's time/format.ts writes a date and time; null for a tag this runtime cannot read. */
function formatInLocale(instant: Date, timeZone: string, locale: string): string | null {
  try {
    // The locale's short time style says whether it writes 09:05 or 9:05 AM; Intl only follows
    // it with timeStyle, which cannot be combined with a weekday.
    return cachedFormat(`${locale}|${timeZone}`, () => {
      const hourParts = new Intl.DateTimeFormat(locale, {
        timeStyle: 'short',
        timeZone: 'UTC',
      }).formatToParts(new Date('2026-01-01T09:05:00Z'));
      const twoDigitHour = hourParts.find((part) => part.type === 'hour')?.value.length === 2;
      return new Intl.DateTimeFormat(locale, {
        timeZone,
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: twoDigitHour ? '2-digit' : 'numeric',
        minute: '2-digit',
      });
    }).format(instant);
  } catch {
    return null;
  }
}

/**
 * Building an Intl.DateTimeFormat costs far more than formatting with one (a booking's mails and
 * notification format several times per reader: bench/booking), so each (locale, zone) keeps its
 * own. Readers' zones and locales are few; the cap only bounds a flood of distinct ones.
 */
const FORMAT_CACHE_LIMIT = 1_000;
const formats = new Map<string, Intl.DateTimeFormat>();

function cachedFormat(key: string, build: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = formats.get(key);
  if (!format) {
    format = build();
    if (formats.size >= FORMAT_CACHE_LIMIT) formats.clear();
    formats.set(key, format);
  }
  return format;
}

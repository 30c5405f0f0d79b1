/**
 * A \u escape that JSON.stringify writes for text PostgreSQL cannot store: U+0000, or half of a
 * surrogate pair (whole pairs are written as they are, so any \ud800–\udfff escape is a lone
 * half). The escape counts only when its backslash is not itself escaped, hence the even run of
 * backslashes before it.
 */
const UNSTORABLE_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\u(0000|d[89a-f][0-9a-f]{2})/i;

/**
 * Why PostgreSQL would refuse to store the text in this JSON (as written by JSON.stringify), or
 * null when it can. Such a value would fail in the database, and inside a shared transaction take
 * other writes down with it, so the boundaries refuse it first.
 */
export function unstorableJson(json: string): string | null {
  const match = UNSTORABLE_ESCAPE.exec(json);
  if (!match) return null;
  return match[1] === '0000'
    ? 'text must not contain NUL (U+0000) characters'
    : 'text must be valid Unicode (it holds half of a surrogate pair)';
}

/** unstorableJson for any value, keys included. */
export function unstorableText(value: unknown): string | null {
  return unstorableJson(JSON.stringify(value ?? null));
}

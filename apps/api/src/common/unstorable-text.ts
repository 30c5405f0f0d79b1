/** A lone UTF-16 surrogate: valid in a JavaScript string, not in PostgreSQL's UTF-8 text. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why PostgreSQL would refuse to store this value's text (U+0000, or a lone surrogate half), or
 * null when it can. Such a value would fail in the database, and inside a shared transaction take
 * other writes down with it, so the boundaries refuse it first. Keys are checked as well as values.
 */
export function unstorableText(value: unknown): string | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return 'text must not contain NUL (U+0000) characters';
    if (LONE_SURROGATE.test(value)) return 'text must be valid Unicode (it holds half of a surrogate pair)';
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = unstorableText(item);
      if (problem) return problem;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const problem = unstorableText(key) ?? unstorableText(item);
    if (problem) return problem;
  }
  return null;
}

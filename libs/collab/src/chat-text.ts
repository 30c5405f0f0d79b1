/** A piece of a message: plain text, or a web link to show as one. */
export type ChatTextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// Candidates only: each is checked with the URL parser below before it becomes a link.
const LINK_CANDIDATE = /\bhttps?:\/\/[^\s<>"']+/gi;
// Punctuation that ends a sentence around a link rather than belonging to it.
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/;

/**
 * Splits a message into text and links. Only http(s) URLs become links (never javascript: or
 * data:); the text is rendered as text, never as HTML.
 */
export function chatTextParts(text: string): ChatTextPart[] {
  const parts: ChatTextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK_CANDIDATE)) {
    const candidate = match[0].replace(TRAILING_PUNCTUATION, '');
    const href = webUrl(candidate);
    if (!href) continue;
    const start = match.index;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: candidate, href });
    last = start + candidate.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

function webUrl(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

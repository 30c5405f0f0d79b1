/** A `##` (or `###`) block of a Markdown document: its heading text and the body below it. */
export interface MarkdownBlock {
  title: string;
  body: string;
}

/**
 * Splits Markdown into blocks at headings of exactly `level` hashes. Text before the first such
 * heading is dropped. Headings inside fenced code blocks are not headings.
 */
export function splitByHeading(markdown: string, level: 2 | 3): MarkdownBlock[] {
  const marker = '#'.repeat(level) + ' ';
  const blocks: MarkdownBlock[] = [];
  let current: { title: string; lines: string[] } | null = null;
  // A fence closes only with the same character that opened it (``` or ~~~), as in CommonMark.
  let fence: string | null = null;
  for (const line of markdown.split(/\r?\n/)) {
    const fenceMarker = /^\s*(```|~~~)/.exec(line)?.[1];
    if (fenceMarker && (fence === null || fence === fenceMarker)) fence = fence === null ? fenceMarker : null;
    if (fence === null && !fenceMarker && line.startsWith(marker)) {
      if (current) blocks.push({ title: current.title, body: current.lines.join('\n').trim() });
      current = { title: line.slice(marker.length).trim(), lines: [] };
    } else if (current) {
      current.lines.push(line);
    }
  }
  if (current) blocks.push({ title: current.title, body: current.lines.join('\n').trim() });
  return blocks;
}

/** "Non-functional requirements" → "non-functional-requirements". */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

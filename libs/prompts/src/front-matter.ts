import { parseYamlText } from '@mockboard/rubric';

export type FrontMatterResult = { ok: true; data: unknown; body: string } | { ok: false; reason: string };

/** Separates a `---`-fenced YAML front matter block from the Markdown body and parses it. */
export function splitFrontMatter(text: string): FrontMatterResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trimEnd() !== '---') {
    return { ok: false, reason: 'the file must start with a "---" line opening the YAML front matter' };
  }
  const closing = lines.findIndex((line, index) => index > 0 && line.trimEnd() === '---');
  if (closing === -1) return { ok: false, reason: 'the front matter has no closing "---" line' };
  const body = lines.slice(closing + 1).join('\n');
  try {
    return { ok: true, data: parseYamlText(lines.slice(1, closing).join('\n')), body };
  } catch (error) {
    return { ok: false, reason: `the front matter is not valid YAML: ${(error as Error).message}` };
  }
}

import { parse as parseYaml } from 'yaml';

export type FrontMatterResult = { ok: true; data: unknown; body: string } | { ok: false; reason: string };

/** Separates a `---`-fenced YAML front matter block from the Markdown body and parses it. */
export function splitFrontMatter(text: string): FrontMatterResult {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  if (!normalized.startsWith('---\n')) {
    return { ok: false, reason: 'the file must start with a "---" line opening the YAML front matter' };
  }
  const end = normalized.indexOf('\n---', 4);
  if (end === -1) return { ok: false, reason: 'the front matter has no closing "---" line' };
  const yamlText = normalized.slice(4, end);
  const body = normalized.slice(normalized.indexOf('\n', end + 1) + 1);
  try {
    return { ok: true, data: parseYaml(yamlText), body };
  } catch (error) {
    return { ok: false, reason: `the front matter is not valid YAML: ${(error as Error).message}` };
  }
}

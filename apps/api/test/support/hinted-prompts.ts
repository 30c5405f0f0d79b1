import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './test-app';

/** The id of the fixture prompt: the URL shortener with known hints and no wrap-up phase. */
export const HINTED_PROMPT_ID = 'hinted-shortener';

/** The fixture prompt's hints, by phase, gentle to explicit. */
export const FIXTURE_HINTS = {
  requirements: [
    'Who creates links, and who only follows them? How might that change what matters most?',
    'Think about how many redirects you serve for each link created, and what that ratio means.',
    'A strong answer states reads outnumber writes about 100 to 1, so redirects must be fast.',
  ],
  estimation: [
    'How many links pile up over the years you keep them?',
    'Multiply the links per month by the months of retention, then by the bytes of one row.',
  ],
  'api-and-data-model': [
    'What does a client send to create a link, and what does it get back?',
    'Consider a POST that returns the code, and a GET on the code that answers 301 or 302.',
  ],
  'high-level-design': [
    'Where does a redirect look the code up before it reaches the database?',
    'A cache in front of PostgreSQL absorbs the hot codes; name what happens on a miss.',
  ],
  'deep-dive': [
    'How do two servers avoid handing out the same code at the same moment?',
    'Look at key ranges handed to each server, or a counter encoded in base 62.',
    'Say each server takes a block of ids from a sequence and encodes them in base 62: no collisions.',
  ],
} as const;

/**
 * A prompts folder for a test app: the rubric and the URL shortener, plus the fixture prompt,
 * so the tests know the hints exactly (and one phase without hints: wrap-up is not in its plan).
 */
export function promptsWithFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mockboard-hinted-prompts-'));
  // Only what the fixture needs: the rubric and the shortener it is made from (so prompts being
  // written beside them meanwhile cannot break these tests).
  for (const file of ['rubric.yaml', 'url-shortener.md', 'url-shortener.diagram.yaml']) {
    copyFileSync(join(REPO_ROOT, 'prompts', file), join(dir, file));
  }
  // Every prompt needs its reference diagram; the fixture shares the shortener's.
  copyFileSync(
    join(REPO_ROOT, 'prompts/url-shortener.diagram.yaml'),
    join(dir, `${HINTED_PROMPT_ID}.diagram.yaml`),
  );
  const source = readFileSync(join(REPO_ROOT, 'prompts/url-shortener.md'), 'utf8');
  const fixture = withoutSection(source, 'Hints')
    .replace(/^id: url-shortener$/m, `id: ${HINTED_PROMPT_ID}`)
    .replace(/^title: .*$/m, 'title: Design a URL shortener (with fixture hints)')
    .replace(/^ {2}- \{ phase: wrap-up, minutes: \d+ \}\n/m, '');
  const hints = Object.entries(FIXTURE_HINTS)
    .map(([phase, texts]) => `### ${phase}\n\n${texts.map((text, i) => `${i + 1}. ${text}`).join('\n')}\n`)
    .join('\n');
  writeFileSync(join(dir, `${HINTED_PROMPT_ID}.md`), `${fixture.trimEnd()}\n\n## Hints\n\n${hints}`);
  return dir;
}

/** The Markdown without its `## <title>` section (up to the next `## ` heading). */
function withoutSection(markdown: string, title: string): string {
  const start = markdown.search(new RegExp(`^## ${title}\\s*$`, 'm'));
  if (start === -1) return markdown;
  const rest = markdown.slice(start + 3);
  const next = rest.search(/^## /m);
  return markdown.slice(0, start) + (next === -1 ? '' : rest.slice(next));
}

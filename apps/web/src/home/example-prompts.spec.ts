/// <reference types="node" />
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HOME_EXAMPLE_PROMPTS } from './example-prompts';

/** The shipped prompt library, as id → title, read from the files' front matter. */
const PROMPTS_DIR = join(__dirname, '../../../../prompts');
const library = new Map(
  readdirSync(PROMPTS_DIR)
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .map((name) => {
      const text = readFileSync(join(PROMPTS_DIR, name), 'utf8');
      const field = (key: string) => new RegExp(`^${key}:\\s*(.+)$`, 'm').exec(text)?.[1]?.trim();
      return [field('id'), field('title')] as const;
    }),
);

describe('the home page examples', () => {
  it.each(HOME_EXAMPLE_PROMPTS.map((prompt) => [prompt.id, prompt] as const))(
    'names %s, a prompt of the shipped library, by its title',
    (id, prompt) => {
      expect(library.get(id)).toBe(prompt.title);
    },
  );
});

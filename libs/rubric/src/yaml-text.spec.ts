import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseWithYaml } from 'yaml';
import * as yamlText from './yaml-text';

const { parseYamlText } = yamlText;

const PROMPTS_DIR = join(__dirname, '../../../prompts');

/** Every YAML text the server reads at start: the .yaml files and each prompt's front matter. */
function shippedYamlTexts(): [string, string][] {
  return readdirSync(PROMPTS_DIR)
    .sort()
    .flatMap((name): [string, string][] => {
      const text = readFileSync(join(PROMPTS_DIR, name), 'utf8');
      if (name.endsWith('.yaml')) return [[name, text]];
      if (!name.endsWith('.md') || name === 'README.md') return [];
      const [, frontMatter] = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text) ?? [];
      return frontMatter === undefined ? [] : [[`${name} (front matter)`, frontMatter]];
    });
}

/** Runs `use` with a parseYamlText that cannot load `yaml`: what js-yaml alone reads. */
function withoutYaml(use: (parse: typeof parseYamlText) => void): void {
  jest.doMock('yaml', () => {
    throw new Error('`yaml` was loaded');
  });
  try {
    jest.isolateModules(() => use(jest.requireActual<typeof yamlText>('./yaml-text').parseYamlText));
  } finally {
    jest.dontMock('yaml');
  }
}

/** What `parse` makes of `text`: its value, or its error's message. */
function outcomeOf(parse: (text: string) => unknown, text: string): { value: unknown } | { error: string } {
  try {
    return { value: parse(text) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('parseYamlText', () => {
  it('reads every shipped YAML text with js-yaml alone, exactly as `yaml` does', () => {
    const texts = shippedYamlTexts();
    expect(texts.filter(([name]) => name.endsWith('.diagram.yaml')).length).toBeGreaterThan(30);
    expect(texts.filter(([name]) => name.endsWith('(front matter)')).length).toBeGreaterThan(30);
    withoutYaml((fastOnly) => {
      for (const [name, text] of texts) {
        expect({ name, value: fastOnly(text) }).toStrictEqual({ name, value: parseWithYaml(text) });
      }
    });
  });

  it('keeps what YAML 1.2 core leaves a string a string, and `<<` a plain key', () => {
    withoutYaml((fastOnly) => {
      expect(fastOnly('on: 2024-01-01\nanswer: yes\nhex: 0x1F\nnothing: ~\n')).toEqual({
        on: '2024-01-01',
        answer: 'yes',
        hex: 31,
        nothing: null,
      });
      expect(fastOnly('base: { a: 1 }\nother:\n  <<: merged\n')).toEqual({
        base: { a: 1 },
        other: { '<<': 'merged' },
      });
    });
  });

  it('leaves to `yaml` the texts js-yaml would read otherwise', () => {
    const readOtherwise = [
      '%YAML 1.1\n---\nmode: 0755\nenabled: no\n',
      'title: Foo\rdifficulty: hard\n',
      '# a note\rdifficulty: hard\n',
      'weight: !!float 1\n',
      'base: &b { a: 1 }\nother: *b\n',
    ];
    for (const text of readOtherwise) {
      expect({ text, result: outcomeOf(parseYamlText, text) }).toStrictEqual({
        text,
        result: outcomeOf(parseWithYaml, text),
      });
    }
  });

  it('says in words what is wrong with invalid YAML, and where', () => {
    expect(() => parseYamlText('label: "Load balancer\nkind: service\n')).toThrow(
      /Missing closing "quote at line \d+, column \d+/,
    );
    expect(() => parseYamlText('nodes:\n\t- lb\n')).toThrow(/Tabs are not allowed as indentation/);
    expect(() => parseYamlText('id: a\nid: b\n')).toThrow(/Map keys must be unique at line 2/);
  });

  it('reads an empty text as null, as `yaml` does', () => {
    expect(parseYamlText('')).toBeNull();
    expect(parseYamlText('# only a comment\n')).toBeNull();
  });
});

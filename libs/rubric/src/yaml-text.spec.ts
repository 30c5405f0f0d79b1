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

describe('parseYamlText', () => {
  it('reads every shipped YAML text exactly as `yaml` does', () => {
    const texts = shippedYamlTexts();
    expect(texts.filter(([name]) => name.endsWith('.diagram.yaml')).length).toBeGreaterThan(30);
    expect(texts.filter(([name]) => name.endsWith('(front matter)')).length).toBeGreaterThan(30);
    for (const [name, text] of texts) {
      expect({ name, value: parseYamlText(text) }).toEqual({ name, value: parseWithYaml(text) });
    }
  });

  it('reads valid YAML without loading `yaml` at all', () => {
    jest.doMock('yaml', () => {
      throw new Error('`yaml` was loaded for a valid text');
    });
    try {
      jest.isolateModules(() => {
        const { parseYamlText: isolated } = jest.requireActual<typeof yamlText>('./yaml-text');
        expect(isolated('direction: LR\nnodes:\n  - { id: lb, label: Load balancer }\n')).toEqual({
          direction: 'LR',
          nodes: [{ id: 'lb', label: 'Load balancer' }],
        });
      });
    } finally {
      jest.dontMock('yaml');
    }
  });

  it('keeps what YAML 1.2 core leaves a string a string, and `<<` a plain key', () => {
    expect(parseYamlText('on: 2024-01-01\nanswer: yes\nhex: 0x1F\nnothing: ~\n')).toEqual({
      on: '2024-01-01',
      answer: 'yes',
      hex: 31,
      nothing: null,
    });
    expect(parseYamlText('base: &b { a: 1 }\nother:\n  <<: *b\n')).toEqual({
      base: { a: 1 },
      other: { '<<': { a: 1 } },
    });
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

import type { Prompt } from './prompt';
import { parseTopicsFile } from './prompt-topics';

const prompt = (id: string, tags: string[]) => ({ id, tags }) as Prompt;
const prompts = [prompt('cache', ['caching', 'redis']), prompt('pay', ['payments'])];

describe('parseTopicsFile', () => {
  it('accepts topics whose tags are used and that cover every prompt', () => {
    const text = [
      'topics:',
      '  - { id: caching, title: Caching, tags: [caching] }',
      '  - { id: money, title: Payments and money, tags: [payments] }',
    ].join('\n');
    expect(parseTopicsFile(text, prompts)).toEqual({
      ok: true,
      topics: [
        { id: 'caching', title: 'Caching', tags: ['caching'] },
        { id: 'money', title: 'Payments and money', tags: ['payments'] },
      ],
    });
  });

  it('names an unused tag, a prompt no topic covers, a repeated id and a non-kebab id', () => {
    const text = [
      'topics:',
      '  - { id: caching, title: Caching, tags: [caching, cachng] }',
      '  - { id: caching, title: Again, tags: [redis] }',
      '  - { id: Bad Id, title: Bad, tags: [redis] }',
    ].join('\n');
    const result = parseTopicsFile(text, prompts);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { file: 'topics.yaml', field: 'topics.2.id', reason: 'must be kebab-case, e.g. "caching"' },
    ]);
    const fixedIds = text.replace('Bad Id', 'bad-id');
    const second = parseTopicsFile(fixedIds, prompts);
    expect(second.ok ? [] : second.problems).toEqual([
      { file: 'topics.yaml', field: 'topics.0.tags.1', reason: 'no prompt has the tag "cachng"' },
      { file: 'topics.yaml', field: 'topics.1.id', reason: '"caching" is used twice' },
      { file: 'topics.yaml', field: '(topics)', reason: 'no topic covers prompt "pay" (tags: payments)' },
    ]);
  });
});

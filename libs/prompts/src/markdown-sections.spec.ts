import { slugify, splitByHeading } from './markdown-sections';

describe('splitByHeading', () => {
  it('splits a document into blocks at level-two headings', () => {
    const markdown = '## Problem statement\n\nDesign a chat app.\n\n## Follow-ups\n\nGroups.';

    expect(splitByHeading(markdown, 2)).toEqual([
      { title: 'Problem statement', body: 'Design a chat app.' },
      { title: 'Follow-ups', body: 'Groups.' },
    ]);
  });

  it('drops the text before the first heading', () => {
    expect(splitByHeading('An introduction nobody sees.\n\n## Only\n\nbody', 2)).toEqual([
      { title: 'Only', body: 'body' },
    ]);
  });

  it('returns nothing for a document without headings', () => {
    expect(splitByHeading('Just a paragraph.\n\nAnd another.', 2)).toEqual([]);
  });

  it('keeps deeper headings inside the body of a block', () => {
    expect(splitByHeading('## Rubric signals\n\n### estimation\n\n- **Strong:** sizes it.', 2)).toEqual([
      { title: 'Rubric signals', body: '### estimation\n\n- **Strong:** sizes it.' },
    ]);
  });

  it('splits at level-three headings when asked, ignoring level-two and level-four ones', () => {
    const markdown = 'intro\n### requirements\nasks first\n#### detail\nmore\n### estimation\nsizes it';

    expect(splitByHeading(markdown, 3)).toEqual([
      { title: 'requirements', body: 'asks first\n#### detail\nmore' },
      { title: 'estimation', body: 'sizes it' },
    ]);
  });

  it('does not treat a level-three heading as a level-two one', () => {
    expect(splitByHeading('### not mine\ntext', 2)).toEqual([]);
  });

  it('requires a space after the hashes', () => {
    expect(splitByHeading('##NoSpace\n## Real\nbody', 2)).toEqual([{ title: 'Real', body: 'body' }]);
  });

  it('trims the heading text and the body', () => {
    expect(splitByHeading('##   Spaced title   \n\n\n   indented body  \n\n\n', 2)).toEqual([
      { title: 'Spaced title', body: 'indented body' },
    ]);
  });

  it('gives an empty body to a heading with nothing under it', () => {
    expect(splitByHeading('## Empty\n## Full\ntext', 2)).toEqual([
      { title: 'Empty', body: '' },
      { title: 'Full', body: 'text' },
    ]);
  });

  it('ignores headings inside a backtick-fenced code block', () => {
    const markdown = '## Design\n\n```markdown\n## Not a heading\n```\n\nAfter the fence.\n\n## Next\nbody';

    expect(splitByHeading(markdown, 2)).toEqual([
      { title: 'Design', body: '```markdown\n## Not a heading\n```\n\nAfter the fence.' },
      { title: 'Next', body: 'body' },
    ]);
  });

  it('ignores headings inside a tilde-fenced code block', () => {
    expect(
      splitByHeading('## Design\n~~~\n## Not a heading\n~~~\n## Next\nbody', 2).map((block) => block.title),
    ).toEqual(['Design', 'Next']);
  });

  it('ignores headings inside an indented fence, as in a list item', () => {
    const markdown = '## Design\n- an example:\n  ```\n## Not a heading\n  ```\n## Next\nbody';

    expect(splitByHeading(markdown, 2).map((block) => block.title)).toEqual(['Design', 'Next']);
  });

  it('ignores a fence before the first heading, and the heading inside it', () => {
    expect(splitByHeading('```\n## Example\n```\n## Real\nbody', 2)).toEqual([
      { title: 'Real', body: 'body' },
    ]);
  });

  it('accepts Windows line endings', () => {
    expect(splitByHeading('## One\r\nfirst\r\n## Two\r\nsecond\r\n', 2)).toEqual([
      { title: 'One', body: 'first' },
      { title: 'Two', body: 'second' },
    ]);
  });

  // CommonMark closes a fence only with the marker that opened it.
  it('keeps a heading inside a ``` fence that also contains a ~~~ line', () => {
    const markdown = '## Design\n```\n~~~\n## Not a heading\n```\n## Next\nbody';

    expect(splitByHeading(markdown, 2).map((block) => block.title)).toEqual(['Design', 'Next']);
  });
});

describe('slugify', () => {
  it.each([
    ['Problem statement', 'problem-statement'],
    ['Non-functional requirements', 'non-functional-requirements'],
    ['High-level design', 'high-level-design'],
    ['Follow-ups', 'follow-ups'],
    ['API & data model', 'api-data-model'],
    ['  Hello,   World!  ', 'hello-world'],
    ['Step 2: scale to 10x', 'step-2-scale-to-10x'],
    ['--Leading and trailing--', 'leading-and-trailing'],
    ['ALL CAPS', 'all-caps'],
  ])('turns %j into %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it('gives the same slug to headings that differ only in case and punctuation', () => {
    expect(slugify('Common Pitfalls!')).toBe(slugify('common pitfalls'));
  });

  it('returns an empty string for text without letters or digits', () => {
    expect(slugify('— ? —')).toBe('');
  });
});

import { splitFrontMatter } from './front-matter';

const FRONT_MATTER = 'id: chat-app\ntags: [websockets, fan-out]\nroadmapPhase: 2\n';
const BODY = '## Problem statement\n\nDesign a chat app.\n';

function aFile(frontMatter = FRONT_MATTER, body = BODY): string {
  return `---\n${frontMatter}---\n${body}`;
}

describe('splitFrontMatter', () => {
  it('parses the YAML between the --- lines and returns the body after them', () => {
    expect(splitFrontMatter(aFile())).toEqual({
      ok: true,
      data: { id: 'chat-app', tags: ['websockets', 'fan-out'], roadmapPhase: 2 },
      body: BODY,
    });
  });

  it('ignores a byte-order mark at the start of the file', () => {
    expect(splitFrontMatter(`\uFEFF${aFile()}`)).toEqual(splitFrontMatter(aFile()));
  });

  it('accepts Windows line endings and returns the body with \\n line endings', () => {
    expect(splitFrontMatter(aFile().replace(/\n/g, '\r\n'))).toEqual(splitFrontMatter(aFile()));
  });

  it('accepts a byte-order mark and Windows line endings together', () => {
    const result = splitFrontMatter(`\uFEFF${aFile().replace(/\n/g, '\r\n')}`);

    expect(result).toMatchObject({ ok: true, body: BODY });
  });

  it('keeps a later --- line, such as a thematic break, in the body', () => {
    const body = 'Intro.\n\n---\n\nAfter the break.\n';

    expect(splitFrontMatter(aFile(FRONT_MATTER, body))).toMatchObject({ ok: true, body });
  });

  it('returns an empty body when nothing follows the front matter', () => {
    expect(splitFrontMatter(aFile(FRONT_MATTER, ''))).toMatchObject({ ok: true, body: '' });
  });

  it('does not interpret the body as YAML', () => {
    const body = 'key: [unclosed\n';

    expect(splitFrontMatter(aFile(FRONT_MATTER, body))).toMatchObject({ ok: true, body });
  });

  it('rejects a file that does not start with ---', () => {
    expect(splitFrontMatter(BODY)).toEqual({
      ok: false,
      reason: 'the file must start with a "---" line opening the YAML front matter',
    });
  });

  it('rejects front matter that is not at the very start of the file', () => {
    expect(splitFrontMatter(`\n${aFile()}`)).toMatchObject({ ok: false });
  });

  it('rejects front matter without a closing --- line', () => {
    expect(splitFrontMatter(`---\n${FRONT_MATTER}${BODY}`)).toEqual({
      ok: false,
      reason: 'the front matter has no closing "---" line',
    });
  });

  it('rejects front matter that is not valid YAML, quoting the parser', () => {
    const result = splitFrontMatter(aFile('id: chat-app\ntags: [websockets\n'));

    expect(result).toEqual({
      ok: false,
      reason: expect.stringMatching(/^the front matter is not valid YAML: .+/s),
    });
  });

  it('rejects a key given twice', () => {
    expect(splitFrontMatter(aFile('id: a\nid: b\n'))).toEqual({
      ok: false,
      reason: expect.stringContaining('Map keys must be unique'),
    });
  });

  it('leaves validating the data to the caller', () => {
    expect(splitFrontMatter(aFile('just a string\n'))).toMatchObject({ ok: true, data: 'just a string' });
  });

  it('returns an empty body when the closing --- ends the file without a newline', () => {
    expect(splitFrontMatter(`---\n${FRONT_MATTER}---`)).toEqual({
      ok: true,
      data: { id: 'chat-app', tags: ['websockets', 'fan-out'], roadmapPhase: 2 },
      body: '',
    });
  });

  it('reads an empty front matter block as empty rather than unclosed', () => {
    expect(splitFrontMatter(`---\n---\n${BODY}`)).toEqual({ ok: true, data: null, body: BODY });
  });

  it('does not take a line that merely starts with --- as the closing line', () => {
    expect(splitFrontMatter(`---\nid: x\n--- note\n`)).toEqual({
      ok: false,
      reason: 'the front matter has no closing "---" line',
    });
  });
});

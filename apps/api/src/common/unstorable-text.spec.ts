import { unstorableText } from './unstorable-text';

const NUL = 'text must not contain NUL (U+0000) characters';
const HALF_PAIR = 'text must be valid Unicode (it holds half of a surrogate pair)';

describe('unstorableText', () => {
  it('accepts ordinary text, emoji (whole surrogate pairs) and other control characters', () => {
    expect(unstorableText({ text: 'a box → 😀', note: 'tab\there\nnewline' })).toBeNull();
  });

  it('finds U+0000 in a value, a key, or deep inside arrays', () => {
    expect(unstorableText('a\u0000b')).toBe(NUL);
    expect(unstorableText({ ['key\u0000']: 1 })).toBe(NUL);
    expect(unstorableText([{ points: [[1, 2]], text: ['x', 'y\u0000'] }])).toBe(NUL);
  });

  it('finds half of a surrogate pair, high or low', () => {
    expect(unstorableText('half \ud83d pair')).toBe(HALF_PAIR);
    expect(unstorableText('half \ude00 pair')).toBe(HALF_PAIR);
  });

  it('is not fooled by text that merely spells an escape', () => {
    expect(unstorableText('a backslash then \\u0000 and \\ud800')).toBeNull();
    expect(unstorableText('\\\\u0000')).toBeNull();
    expect(unstorableText('a backslash then a real one: \\\u0000')).toBe(NUL);
  });
});

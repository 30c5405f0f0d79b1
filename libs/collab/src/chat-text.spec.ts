import { chatTextParts } from './chat-text';

describe('a chat message’s links', () => {
  it('links http(s) URLs, leaving sentence punctuation outside', () => {
    expect(chatTextParts('See https://example.com/a?b=1. Or (http://x.test/y)!')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: '. Or (' },
      { kind: 'link', text: 'http://x.test/y', href: 'http://x.test/y' },
      { kind: 'text', text: ')!' },
    ]);
  });

  it('never links other schemes, and keeps markup as text', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'http://', 'ftp://files.test/a']) {
      expect(chatTextParts(text)).toEqual([{ kind: 'text', text }]);
    }
    const markup = '<a href="https://example.com">x</a>';
    const parts = chatTextParts(markup);
    expect(parts.map((part) => part.text).join('')).toBe(markup);
    expect(parts.filter((part) => part.kind === 'link')).toEqual([
      { kind: 'link', text: 'https://example.com', href: 'https://example.com/' },
    ]);
  });
});

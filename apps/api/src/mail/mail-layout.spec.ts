import { buttonHtml, escapeHtml, layoutMail, paragraphsHtml } from './mail-layout';
import { buildOutgoingMessage, domainOf } from './mail-message';

describe('mail layout', () => {
  it('escapes what a reader or partner typed, in text and in attributes', () => {
    expect(escapeHtml(`<script>"x" & 'y'</script>`)).toBe(
      '&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;',
    );
    expect(paragraphsHtml(['Hi <b>Ann</b>,', 'Bye'])).toMatch(
      /<p[^>]*>Hi &lt;b&gt;Ann&lt;\/b&gt;,<\/p>\n<p[^>]*>Bye<\/p>/,
    );
    const button = buttonHtml('Reset "now"', 'https://m.example/reset?token=a&b=<c>');
    expect(button).toContain('href="https://m.example/reset?token=a&amp;b=&lt;c&gt;"');
    expect(button).toContain('>Reset &quot;now&quot;</a>');
    // The address is also shown as text, for clients that show no links.
    expect(button).toContain('>https://m.example/reset?token=a&amp;b=&lt;c&gt;</a>');
  });

  it('makes a whole accessible document in the reader language, with the subject as its title', () => {
    const { html, text } = layoutMail({
      subject: 'Your <session>',
      html: '<p>Body</p>',
      text: 'Body\n\n',
      lang: 'de-CH',
    });
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="de">/);
    expect(html).toContain('<title>Your &lt;session&gt;</title>');
    expect(html).toContain('role="presentation"');
    expect(html).toContain('<main>\n<p>Body</p>\n</main>');
    expect(html).not.toMatch(/unsubscribe/i);
    expect(text).toBe(
      'Body\n\n-- \nMockboard: practice system-design interviews with a peer.\nYou receive this because of a request made with your account.\n',
    );
    expect(layoutMail({ subject: 's', html: '', text: '', lang: 'not a locale!' }).html).toContain(
      'lang="en"',
    );
  });

  it('adds the unsubscribe and preferences links of an optional kind to both parts', () => {
    const unsubscribe = {
      kindLabel: 'Reminders before a session',
      pageUrl: 'https://m.example/unsubscribe?token=t1',
      preferencesUrl: 'https://m.example/profile#email',
    };
    const { html, text } = layoutMail({ subject: 's', html: '<p>x</p>', text: 'x', unsubscribe });
    expect(html).toContain(
      '<a href="https://m.example/unsubscribe?token=t1">Unsubscribe from Reminders before a session</a>',
    );
    expect(html).toContain('<a href="https://m.example/profile#email">Email preferences</a>');
    expect(text).toContain(
      'Unsubscribe from Reminders before a session: https://m.example/unsubscribe?token=t1',
    );
    expect(text).toContain('Email preferences: https://m.example/profile#email');
  });
});

describe('outgoing message', () => {
  const reader = {
    userId: 'u1',
    email: 'ann@example.test',
    displayName: 'Ann',
    timeZone: 'Europe/Berlin',
    locale: null,
    emailVerified: true,
  };
  const composed = { subject: 'Booked', text: 'See you', html: '<p>See you</p>' };

  it('takes the Message-ID domain from the sender', () => {
    expect(domainOf('Mockboard <no-reply@mockboard.example.com>')).toBe('mockboard.example.com');
    expect(domainOf('team@example.org')).toBe('example.org');
  });

  it('sends List-Unsubscribe headers only with an unsubscribe link, to the reader unless told otherwise', () => {
    const plain = buildOutgoingMessage({
      id: 'r1',
      kind: 'password_reset',
      from: 'a@m.example',
      reader,
      composed,
    });
    expect(plain.to).toBe('ann@example.test');
    expect(plain.messageId).toBe('<r1@m.example>');
    expect(plain.headers).toEqual({ 'Auto-Submitted': 'auto-generated' });

    const optional = buildOutgoingMessage({
      id: 'r2',
      kind: 'booked',
      from: 'a@m.example',
      reader,
      composed: { ...composed, to: 'new@example.test' },
      unsubscribe: {
        kindLabel: 'Bookings',
        pageUrl: 'https://m.example/unsubscribe?token=t',
        oneClickUrl: 'https://m.example/api/mail/unsubscribe?token=t',
        preferencesUrl: 'https://m.example/profile#email',
      },
    });
    expect(optional.to).toBe('new@example.test');
    expect(optional.headers['List-Unsubscribe']).toBe('<https://m.example/api/mail/unsubscribe?token=t>');
    expect(optional.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });
});

/**
 * The common look of every mail, and the small HTML helpers composers write their fragment with.
 * Mail clients strip <style> and block images, so the markup is plain and semantic, readable with
 * neither, and every button is a link whose text says where it goes.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and attribute values (a display name may hold "<script>"). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

/** Plain-text paragraphs as HTML paragraphs, escaped. */
export function paragraphsHtml(paragraphs: readonly string[]): string {
  return paragraphs.map((paragraph) => `<p style="margin:0 0 16px">${escapeHtml(paragraph)}</p>`).join('\n');
}

/**
 * A call-to-action link styled as a button where styles survive; without styles it is still a
 * link with its label, and the URL is repeated as text for clients that show no links at all.
 */
export function buttonHtml(label: string, url: string): string {
  const href = escapeHtml(url);
  return (
    `<p style="margin:24px 0"><a href="${href}" style="background:#1f5fbf;color:#ffffff;` +
    `padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold;display:inline-block">` +
    `${escapeHtml(label)}</a></p>\n` +
    `<p style="margin:0 0 16px;font-size:14px;color:#444444">Or open this address: ` +
    `<a href="${href}">${href}</a></p>`
  );
}

/** What an optional kind's footer offers (see MailPreferencesService.unsubscribeLinks). */
export interface UnsubscribeFooter {
  /** MAIL_KIND_LABELS of the kind, e.g. "Reminders before a session". */
  kindLabel: string;
  pageUrl: string;
  preferencesUrl: string;
}

export interface MailDocument {
  subject: string;
  /** The composer's HTML fragment. */
  html: string;
  /** The composer's plain text. */
  text: string;
  /** BCP 47 language of the reader, for `lang` (default en). */
  lang?: string | null;
  unsubscribe?: UnsubscribeFooter;
}

const SIGNATURE = 'Mockboard: practice system-design interviews with a peer.';

/**
 * Wraps a composer's fragment into a whole HTML document and adds the footer to both parts.
 * Layout tables carry role="presentation" so screen readers do not announce them as data.
 */
export function layoutMail(mail: MailDocument): { html: string; text: string } {
  const lang = escapeHtml(languageOf(mail.lang));
  const footerHtml = mail.unsubscribe
    ? `<p style="margin:0 0 8px">You receive this because “${escapeHtml(mail.unsubscribe.kindLabel)}” is on in your email preferences.</p>\n` +
      `<p style="margin:0"><a href="${escapeHtml(mail.unsubscribe.pageUrl)}">Unsubscribe from ${escapeHtml(mail.unsubscribe.kindLabel)}</a>` +
      ` · <a href="${escapeHtml(mail.unsubscribe.preferencesUrl)}">Email preferences</a></p>`
    : `<p style="margin:0">You receive this because of a request made with your account.</p>`;
  const html = `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(mail.subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f4f5f7">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7">
<tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:8px">
<tr><td style="padding:32px 28px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a">
<main>
${mail.html}
</main>
</td></tr>
<tr><td style="padding:16px 28px 28px;font-family:Arial,Helvetica,sans-serif;font-size:13px;line-height:1.5;color:#555555;border-top:1px solid #e3e5e8">
<footer>
<p style="margin:0 0 8px">${escapeHtml(SIGNATURE)}</p>
${footerHtml}
</footer>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
  const footerText = mail.unsubscribe
    ? [
        `You receive this because "${mail.unsubscribe.kindLabel}" is on in your email preferences.`,
        `Unsubscribe from ${mail.unsubscribe.kindLabel}: ${mail.unsubscribe.pageUrl}`,
        `Email preferences: ${mail.unsubscribe.preferencesUrl}`,
      ]
    : ['You receive this because of a request made with your account.'];
  const text = `${mail.text.trimEnd()}\n\n-- \n${[SIGNATURE, ...footerText].join('\n')}\n`;
  return { html, text };
}

/** The primary language subtag of a BCP 47 locale ("de-CH" → "de"), en when unknown or malformed. */
function languageOf(locale: string | null | undefined): string {
  const language = locale?.split('-')[0]?.toLowerCase();
  return language && /^[a-z]{2,3}$/.test(language) ? language : 'en';
}

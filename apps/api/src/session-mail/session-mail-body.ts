import { buttonHtml, paragraphsHtml } from '../mail/mail-layout';
import type { ComposedMail } from '../mail/mail.types';

/** What a session mail says, once: both parts are written from it, so they never disagree. */
export interface SessionMailContent {
  subject: string;
  /** Plain text, user-provided parts included as they are: the HTML part escapes them. */
  paragraphs: string[];
  action: { label: string; url: string };
  calendar?: ComposedMail['calendar'];
}

export function writeSessionMail(content: SessionMailContent): ComposedMail {
  const { subject, paragraphs, action, calendar } = content;
  return {
    subject,
    text: [...paragraphs, `${action.label}: ${action.url}`].join('\n\n'),
    html: `${paragraphsHtml(paragraphs)}\n${buttonHtml(action.label, action.url)}`,
    ...(calendar ? { calendar } : {}),
  };
}

import type { SignedUpUser } from './factories';
import type { CaughtMail, SmtpCatcher } from './smtp-catcher';

/** Links in mail come from PUBLIC_URL, never from the address the API was reached by (127.0.0.1). */
export const PUBLIC_URL = 'https://mockboard.example.test';
export const MAIL_FROM = 'Mockboard <no-reply@mockboard.example.test>';

/** The environment of an app that sends to `catcher`; the factories' users are unverified. */
export function mailEnv(catcher: SmtpCatcher): Record<string, string> {
  return { SMTP_URL: catcher.url, REQUIRE_EMAIL_VERIFICATION: 'false', PUBLIC_URL, MAIL_FROM };
}

/** The mails `user` received whose subject starts with `subject`, in arrival order. */
export function mailsTo(catcher: SmtpCatcher, user: SignedUpUser, subject: string): CaughtMail[] {
  return catcher.messages.filter(
    (mail) =>
      mail.envelope.to.some((to) => to.toLowerCase() === user.user.email.toLowerCase()) &&
      (mail.subject ?? '').startsWith(subject),
  );
}

/** Waits until `user` has `count` such mails and returns the last of them. */
export async function waitForMail(
  catcher: SmtpCatcher,
  user: SignedUpUser,
  subject: string,
  count = 1,
): Promise<CaughtMail> {
  await catcher.waitFor(() => mailsTo(catcher, user, subject).length >= count, 15_000);
  return mailsTo(catcher, user, subject)[count - 1]!;
}

/** Lets a mail that should not come have its chance to arrive (the worker is woken on commit). */
export function aMoment(ms = 1_500): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

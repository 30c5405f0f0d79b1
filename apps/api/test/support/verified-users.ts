import request from 'supertest';
import type { RegisterRequest } from '@mockboard/contracts';
import { signUp, type SignedUpUser } from './factories';
import type { CaughtMail, SmtpCatcher } from './smtp-catcher';
import type { TestApp } from './test-app';

/** The address a caught mail was sent to (the SMTP envelope's, which is where it really went). */
export function isMailTo(address: string, mail: CaughtMail): boolean {
  return mail.envelope.to.some((to) => to.toLowerCase() === address.toLowerCase());
}

/** The first link to `path` (e.g. "/verify-email") in a mail's plain-text part, as a URL. */
export function linkIn(mail: CaughtMail, path: string): URL {
  const match = new RegExp(`https?://[^\\s"<>]+${path}\\?token=[A-Za-z0-9_%-]+`).exec(mail.text ?? '');
  if (!match) throw new Error(`No ${path} link in the mail "${mail.subject}":\n${mail.text}`);
  return new URL(match[0]);
}

/** The verification mail to `address` (waits for it), and the token its link carries. */
export async function verificationTokenFor(catcher: SmtpCatcher, address: string): Promise<string> {
  const mail = await catcher.waitFor(
    (caught) => isMailTo(address, caught) && /\/verify-email\?token=/.test(caught.text ?? ''),
  );
  return linkIn(mail, '/verify-email').searchParams.get('token')!;
}

/** Opens the verification link sent to `address`, as the web page does: POST /api/auth/verify-email. */
export async function verifyThroughMail(
  server: TestApp,
  catcher: SmtpCatcher,
  address: string,
): Promise<void> {
  const token = await verificationTokenFor(catcher, address);
  await request(server.url).post('/api/auth/verify-email').send({ token }).expect(200);
}

/**
 * A user signed up and verified through the real flow: the server (started with SMTP_URL = the
 * catcher's url) mails the link, the catcher receives it, and the link's token is posted back.
 */
export async function signUpVerified(
  server: TestApp,
  catcher: SmtpCatcher,
  overrides: Partial<RegisterRequest> = {},
): Promise<SignedUpUser> {
  const user = await signUp(server.url, overrides);
  await verifyThroughMail(server, catcher, user.user.email);
  return { ...user, user: { ...user.user, emailVerified: true } };
}

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signUp } from '../../api/test/support/factories';
import { aStart, offerSlot } from '../../api/test/support/scheduling-factories';
import { startSmtpCatcher, type SmtpCatcher } from '../../api/test/support/smtp-catcher';
import { startTestApp, type TestApp } from '../../api/test/support/test-app';
import { isMailTo, linkIn, signUpVerified } from '../../api/test/support/verified-users';
import { artifact, launchBrowser } from './support/browser';
import { DESKTOP, signedUpMember } from './support/members';

/**
 * The server runs with SMTP_URL (so verification is required) pointing at an in-process SMTP
 * server; the links are opened as they came in the mail (PUBLIC_URL unset: http://localhost:PORT).
 */
describe('verifying an address and resetting a password by email, in the browser', () => {
  let catcher: SmtpCatcher;
  let server: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    [server, browser] = await Promise.all([startTestApp({ SMTP_URL: catcher.url }), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await server?.close();
    await catcher?.close();
  });

  async function aPage(): Promise<Page> {
    const context = await browser.newContext({
      viewport: DESKTOP,
      locale: 'en-GB',
      timezoneId: 'Europe/London',
    });
    contexts.push(context);
    return context.newPage();
  }

  it('signs up, finds Book disabled with the reason until the link from the mail is opened, then books', async () => {
    const host = await signUpVerified(server, catcher, { displayName: 'Ada Host' });
    await offerSlot(server, host, { startsAt: aStart({ daysAhead: 2, hour: 10 }) });

    const { context, page } = await signedUpMember(browser, server.url, 'Ben Booker', 'Europe/London');
    contexts.push(context);
    const email = await page.evaluate(
      async () => ((await (await fetch('/api/me')).json()) as { email: string }).email,
    );
    await page.getByText(`Check your inbox to verify ${email}`).waitFor();

    await page.goto(`${server.url}/practice`);
    const week = page.getByRole('region', { name: 'Book a partner' });
    const book = week.getByRole('button', { name: /^Book .* with Ada Host$/ });
    // Disabled before the click, not refused after it, and the button itself says why.
    await book.waitFor();
    expect(await book.isDisabled()).toBe(true);
    const reason = await book.evaluate((button) =>
      (button.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(reason).toContain(
      `Verify your email address to book a partner: open the link we sent to ${email}`,
    );
    await week.getByRole('button', { name: 'Resend the email' }).waitFor();
    for (const action of ['Offer slot', 'Request a match', 'Practise now']) {
      expect(await page.getByRole('button', { name: action, exact: true }).isDisabled()).toBe(true);
    }
    await page.screenshot({ path: artifact('verify-required-before-booking.png') });

    const mail = await catcher.waitFor((caught) => isMailTo(email, caught));
    expect(mail.subject).toBe('Verify your email address for Mockboard');
    const link = linkIn(mail, '/verify-email');
    await page.goto(link.toString());
    await page.getByRole('heading', { name: 'Email address verified' }).waitFor();
    // The working link does not stay in the address bar (nor in history).
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    await page.getByText(email).waitFor();
    await page.screenshot({ path: artifact('verify-done.png') });

    await page.goto(`${server.url}/practice`);
    await week.locator('.partner__name', { hasText: 'Ada Host' }).waitFor();
    expect(await page.getByText(/Check your inbox to verify/).count()).toBe(0);
    await book.click();
    const confirm = page.getByRole('dialog', { name: 'Book this slot?' });
    await confirm.getByRole('button', { name: 'Confirm booking' }).click();
    await page.getByRole('dialog', { name: 'You’re booked' }).waitFor();
  });

  it('asks for a reset link, sets a new password from the mail and signs in with it', async () => {
    const user = await signUp(server.url, { displayName: 'Cy Forgetful' });
    const page = await aPage();
    await page.goto(`${server.url}/signin`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByLabel('Email').fill(user.user.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    await page.getByText(/If an account uses this address/).waitFor();

    const mail = await catcher.waitFor(
      (caught) => isMailTo(user.user.email, caught) && caught.subject === 'Reset your Mockboard password',
    );
    // A page opened without the link's token says so at once, before any typing.
    await page.goto(`${server.url}/reset-password`);
    await page
      .getByRole('alert')
      .getByText(/needs the link from a password reset email/)
      .waitFor();
    await page.getByRole('link', { name: 'Ask for a new link' }).waitFor();

    await page.goto(linkIn(mail, '/reset-password').toString());
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    await page.getByLabel('New password', { exact: true }).fill('password1234');
    await page.getByLabel('Confirm new password').fill('password1234');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText(/New password is too easy to guess/).waitFor();

    const strong = 'seventeen quiet lanterns';
    await page.getByLabel('New password', { exact: true }).fill(strong);
    await page.getByLabel('Confirm new password').fill(strong);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('heading', { name: 'Password changed' }).waitFor();
    await page.screenshot({ path: artifact('reset-done.png') });

    await page.getByRole('link', { name: 'Sign in with your new password' }).click();
    await page.getByLabel('Email').fill(user.user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Email or password is incorrect').waitFor();
    await page.getByLabel('Password', { exact: true }).fill(strong);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Cy Forgetful').first().waitFor();
  });
});

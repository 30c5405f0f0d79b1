import request from 'supertest';
import type { MailPreferences } from '@mockboard/contracts';
import { signUp, type SignedUpUser } from '../../api/test/support/factories';
import { MailPreferencesService } from '../../api/src/mail/preferences/mail-preferences.service';
import { artifact } from './support/browser';
import { DESKTOP, memberStage } from './support/members';

describe('email preferences and the unsubscribe page (issue 15)', () => {
  const stage = memberStage();

  const prefsOf = async (user: SignedUpUser): Promise<MailPreferences> =>
    (await request(stage.server.url).get('/api/me/mail-preferences').set(user.bearer).expect(200))
      .body as MailPreferences;

  /** The unsubscribe page link a mail of this kind carries, on the test server's address. */
  function unsubscribePageLink(user: SignedUpUser, kind: 'booked' | 'reminder'): string {
    const { pageUrl } = stage.server.app.get(MailPreferencesService).unsubscribeLinks(user.user.id, kind);
    const link = new URL(pageUrl);
    return `${stage.server.url}${link.pathname}${link.search}`;
  }

  /** Someone who opens the link from their mail on a device where they never signed in. */
  async function aSignedOutPage() {
    const context = await stage.browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
    return { context, page: await context.newPage() };
  }

  it('saves each checkbox as it changes, by keyboard or mouse, and keeps it after a reload', async () => {
    const user = await signUp(stage.server.url, { displayName: 'Pia Prefs' });
    const page = await stage.signedIn(user);
    await page.goto(`${stage.server.url}/profile#email`);
    const section = page.locator('section#email');
    await section.getByRole('heading', { level: 2, name: 'Email' }).waitFor();
    await section.getByText('Address verification and password reset emails always go out').waitFor();
    const reminders = section.getByRole('checkbox', { name: 'Reminders before a session' });
    const feedback = section.getByRole('checkbox', { name: "Your partner's feedback is ready" });
    expect(await reminders.isChecked()).toBe(true);
    expect(await section.getByRole('checkbox').count()).toBe(6);

    // PUBLIC_URL/profile#email (every mail's footer) lands on this section, below the fold.
    expect(await page.evaluate('window.scrollY')).toBeGreaterThan(0);

    await reminders.focus();
    await page.keyboard.press('Space');
    await section
      .getByRole('status')
      .filter({ hasText: 'Saved. Reminders before a session: off.' })
      .waitFor();
    expect(await page.evaluate('document.activeElement?.getAttribute("name")')).toBe('reminder');
    // A person clicks the label's words (the drawn switch lies over the box itself).
    await section.getByText("Your partner's feedback is ready", { exact: true }).click();
    await section
      .getByRole('status')
      .filter({ hasText: "Saved. Your partner's feedback is ready: off." })
      .waitFor();
    expect(await prefsOf(user)).toMatchObject({ reminder: false, feedback_ready: false, booked: true });
    await page.screenshot({ path: artifact('profile-email-preferences.png'), fullPage: true });

    await page.reload();
    await section.getByRole('checkbox').first().waitFor();
    expect(await reminders.isChecked()).toBe(false);
    expect(await feedback.isChecked()).toBe(false);
    expect(await section.getByRole('checkbox', { name: /^Bookings and matches/ }).isChecked()).toBe(true);

    await section.getByText('Reminders before a session', { exact: true }).click();
    await section.getByRole('status').filter({ hasText: 'Saved. Reminders before a session: on.' }).waitFor();
    expect(await prefsOf(user)).toMatchObject({ reminder: true, feedback_ready: false });
  });

  it('says when a change could not be saved and shows the box as it really is', async () => {
    const user = await signUp(stage.server.url);
    const page = await stage.signedIn(user);
    await page.goto(`${stage.server.url}/profile#email`);
    const section = page.locator('section#email');
    const noShow = section.getByRole('checkbox', { name: 'Your partner did not come' });
    await noShow.waitFor();
    // The network drops the save (not the server refusing it): the page must not claim it worked.
    await page.route('**/api/me/mail-preferences', (route) =>
      route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.continue(),
    );
    await section.getByText('Your partner did not come', { exact: true }).click();
    await section
      .getByRole('alert')
      .filter({ hasText: /^Not saved: Could not reach the server/ })
      .waitFor();
    expect(await noShow.isChecked()).toBe(true);
    expect((await prefsOf(user)).no_show).toBe(true);
  });

  it("stops one kind of mail from the mail's link without signing in, and undoes it", async () => {
    const user = await signUp(stage.server.url, { email: `quinn-${Date.now()}@example.test` });
    const { context, page } = await aSignedOutPage();
    try {
      await page.goto(unsubscribePageLink(user, 'booked'));
      const question = page.getByRole('heading', {
        level: 1,
        name: 'Stop emails about “Bookings and matches, with the calendar invitation” to q***@example.test?',
      });
      await question.waitFor();
      // Opening the page changed nothing: mail scanners open links too.
      expect((await prefsOf(user)).booked).toBe(true);

      await page.getByRole('button', { name: 'Stop these emails' }).click();
      const done = page.getByRole('heading', { level: 1, name: 'Done. You will not get these emails.' });
      await done.waitFor();
      // The pressed button is gone: focus moved to the heading that says what happened, not to the page.
      await page.waitForFunction(() => document.activeElement?.id === 'unsubscribe-title');
      expect(await done.evaluate((heading) => heading === document.activeElement)).toBe(true);
      expect(await prefsOf(user)).toMatchObject({ booked: false, reminder: true });
      await page.screenshot({ path: artifact('unsubscribe-done.png'), fullPage: true });

      await page.getByRole('button', { name: 'Undo' }).click();
      await question.waitFor();
      expect(await question.evaluate((heading) => heading === document.activeElement)).toBe(true);
      await page.getByRole('status').filter({ hasText: 'Subscribed again' }).waitFor();
      expect((await prefsOf(user)).booked).toBe(true);

      await page.getByRole('button', { name: 'Stop these emails' }).click();
      await page.getByRole('link', { name: 'All email preferences' }).click();
      // Not signed in on this device: the preferences are behind the sign-in.
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      expect((await prefsOf(user)).booked).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('says clearly when a link is broken', async () => {
    const user = await signUp(stage.server.url);
    const { context, page } = await aSignedOutPage();
    try {
      const link = unsubscribePageLink(user, 'reminder');
      // A mail client that cut the link short.
      await page.goto(link.slice(0, -6));
      await page.getByRole('heading', { level: 1, name: 'This unsubscribe link does not work' }).waitFor();
      await page.getByText(/This unsubscribe link is not valid/).waitFor();
      await page.goto(`${stage.server.url}/unsubscribe`);
      await page.getByRole('heading', { level: 1, name: 'This unsubscribe link does not work' }).waitFor();
      await page.getByText(/has no token/).waitFor();
      expect((await prefsOf(user)).reminder).toBe(true);
    } finally {
      await context.close();
    }
  });
});

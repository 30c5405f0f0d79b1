import type { Page } from 'playwright-core';
import { signUp } from '../../api/test/support/factories';
import { artifact } from './support/browser';
import { DESKTOP, memberStage } from './support/members';

describe('sign-ins and password on the profile page', () => {
  const stage = memberStage();

  /** The same person signing in through the form in another browser (its own cookies). */
  async function signInElsewhere(email: string, password: string): Promise<Page> {
    const context = await stage.browser.newContext({ viewport: DESKTOP, locale: 'en-GB' });
    const page = await context.newPage();
    // Reached from the header (a navigation in the page, not a load), the form has the focus:
    // typing goes to Email with no Tab through the header first.
    await page.goto(stage.server.url);
    await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Email').waitFor();
    await page.keyboard.type(email);
    expect(await page.getByLabel('Email').inputValue()).toBe(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname !== '/signin');
    return page;
  }

  /** Loading the profile again sends a signed-out browser to Sign in. */
  async function expectSignedOut(page: Page): Promise<void> {
    await page.goto(`${stage.server.url}/profile`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/signin');
  }

  it('changes the password, showing the server’s reasons, and signs the other browser out', async () => {
    const user = await signUp(stage.server.url, { displayName: 'Pat Password' });
    const other = await signInElsewhere(user.user.email, user.password);
    const page = await stage.signedIn(user);
    await page.goto(`${stage.server.url}/profile`);
    const signIns = page.getByRole('list', { name: 'Active sign-ins' });
    await signIns.getByText('This browser').waitFor();
    expect(await signIns.getByRole('listitem').count()).toBe(2);
    await signIns.getByText('Chrome on Linux').waitFor();

    const form = page.getByRole('form', { name: 'Change password' });
    await form.getByLabel('Current password').fill('not my password at all');
    await form.getByLabel('New password').fill('violet lantern orbit meadow');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByRole('alert').filter({ hasText: 'Your current password is not correct' }).waitFor();

    await form.getByLabel('Current password').fill(user.password);
    await form.getByLabel('New password').fill('aaaaaaaaaa');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText(/New password is too easy to guess\. Repeated characters/).waitFor();
    expect(await page.evaluate('document.activeElement?.getAttribute("name")')).toBe('newPassword');

    const listBefore = await signIns.elementHandle();
    await form.getByLabel('New password').fill('violet lantern orbit meadow');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByRole('status').filter({ hasText: 'Password changed.' }).waitFor();
    // The other browser's sign-in leaves the list (not waitForFunction: the app's CSP refuses the
    // eval it needs whenever the condition is not already true at the first look).
    await signIns.getByRole('listitem').nth(1).waitFor({ state: 'detached' });
    expect(await signIns.getByRole('listitem').count()).toBe(1);
    // The list was updated in place, never replaced by a loading state while it reloaded.
    expect(await listBefore!.evaluate((list) => list.isConnected)).toBe(true);
    await page.screenshot({ path: artifact('profile-sign-ins.png'), fullPage: true });

    // The other browser finds out at its next call, without a reload.
    await other.getByRole('link', { name: 'Progress' }).click();
    await other.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await expectSignedOut(other);
    // This browser is still signed in.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();
  });

  it('signs out another browser from the list, then everywhere with the keyboard', async () => {
    const user = await signUp(stage.server.url, { displayName: 'Riley Revoke' });
    const other = await signInElsewhere(user.user.email, user.password);
    const page = await stage.signedIn(user);
    await page.goto(`${stage.server.url}/profile`);
    const signIns = page.getByRole('list', { name: 'Active sign-ins' });
    await signIns.getByText('This browser').waitFor();

    await signIns.getByRole('button', { name: /^Sign out Chrome on Linux/ }).click();
    await page.getByRole('status').filter({ hasText: 'Signed out Chrome on Linux.' }).waitFor();
    expect(await signIns.getByRole('listitem').count()).toBe(1);
    await expectSignedOut(other);

    const third = await signInElsewhere(user.user.email, user.password);
    await page.getByRole('button', { name: 'Sign out everywhere…' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out everywhere', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await expectSignedOut(third);
    await expectSignedOut(page);
  });
});

import request from 'supertest';
import { signUp } from '../../api/test/support/factories';
import { artifact } from './support/browser';
import { memberStage } from './support/members';

const ADMIN_EMAIL = 'mail-admin@example.test';

describe('the dev mailbox without SMTP_URL (issue 15)', () => {
  const stage = memberStage({}, { ADMIN_EMAILS: ADMIN_EMAIL });

  it('shows an admin the mail that was not sent: the list, then one opened with its text and HTML', async () => {
    const admin = await signUp(stage.server.url, { email: ADMIN_EMAIL, displayName: 'Ada Admin' });
    const user = await signUp(stage.server.url, { displayName: 'Rita Reset' });
    await request(stage.server.url)
      .post('/api/auth/password-reset')
      .send({ email: user.user.email })
      .expect(202);

    const page = await stage.signedIn(admin);
    await page.goto(`${stage.server.url}/practice`);
    await page.getByRole('button', { name: /Ada Admin/ }).click();
    await page.getByRole('link', { name: 'Dev mailbox' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dev mailbox' }).waitFor();

    // The worker may still be writing it: Refresh until the reset mail is listed.
    const resetLine = page
      .getByRole('button', { name: /password/i })
      .filter({ hasText: `to ${user.user.email}` });
    for (let tries = 0; !(await resetLine.count()); tries++) {
      if (tries > 50) throw new Error('the reset mail never appeared in the dev mailbox');
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForTimeout(200);
    }
    // Sent times read in the admin's own zone (Europe/Berlin from the factory), named.
    expect(await resetLine.locator('time').textContent()).toMatch(/\d{4}.*\d:\d\d.*\(Europe\/Berlin\)$/);

    // A slow refresh keeps the list and the button (disabled, saying so) instead of a loading screen.
    let release = (): void => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/admin/dev-mailbox', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole('button', { name: 'Refresh' }).click();
    const refreshing = page.getByRole('button', { name: 'Refreshing…' });
    await refreshing.waitFor();
    expect(await refreshing.isDisabled()).toBe(true);
    expect(await resetLine.count()).toBe(1);
    release();
    await page.getByRole('button', { name: 'Refresh', exact: true }).waitFor();
    await page.unroute('**/api/admin/dev-mailbox');

    await resetLine.click();
    expect(await resetLine.getAttribute('aria-expanded')).toBe('true');

    const message = page.getByRole('article');
    await message.getByText('password_reset').waitFor();
    expect(await message.locator('pre').textContent()).toMatch(/\/reset-password\?token=/);
    const frame = message.locator('iframe');
    // No scripts, forms or same-origin access for the mail's HTML.
    expect(await frame.getAttribute('sandbox')).toBe('');
    await page
      .frameLocator('article iframe')
      .getByRole('link', { name: /reset-password\?token=/ })
      .waitFor();
    await page.screenshot({ path: artifact('dev-mailbox.png'), fullPage: true });
  });

  it('tells a member who is not an admin that the page is for admins', async () => {
    const member = await signUp(stage.server.url);
    const page = await stage.signedIn(member);
    await page.goto(`${stage.server.url}/admin/mailbox`);
    await page.getByRole('heading', { level: 1, name: 'Admins only' }).waitFor();
    expect(await page.getByRole('link', { name: 'Dev mailbox' }).count()).toBe(0);
  });
});

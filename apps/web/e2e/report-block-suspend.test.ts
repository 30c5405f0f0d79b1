import type { Page } from 'playwright-core';
import { signUp } from '../../api/test/support/factories';
import { aBookedSession, aStart, offerSlot } from '../../api/test/support/scheduling-factories';
import { memberStage } from './support/members';

const ADMIN_EMAIL = 'moderator@example.test';

describe('report, block and suspend in the browser', () => {
  const stage = memberStage({}, { ADMIN_EMAILS: ADMIN_EMAIL });

  /** The names of the hosts whose open slots the page's week shows, once it shows `expected`'s. */
  async function hostsOnTheWeek(page: Page, expected: string): Promise<string[]> {
    await page.goto(`${stage.server.url}/practice`);
    const week = page.getByRole('region', { name: 'Book a partner' });
    await week.locator('.partner__name', { hasText: expected }).first().waitFor();
    return week.locator('.partner__name').allTextContents();
  }

  it('a participant reports and blocks their partner, the two no longer see each other’s slots, and an admin suspends the partner', async () => {
    const server = stage.server;
    const [hana, gus, bea] = await Promise.all([
      signUp(server.url, { displayName: 'Hana Host' }),
      signUp(server.url, { displayName: 'Gus Guest' }),
      signUp(server.url, { displayName: 'Bea Bystander' }),
    ]);
    const { session } = await aBookedSession(server, { host: hana, guest: gus });
    // The session started ten minutes ago: a report is about something that happened.
    const startedAt = new Date(Date.now() - 10 * 60_000);
    await server.dataSource.query(
      `UPDATE sessions SET starts_at = $2, ends_at = $3, status = 'live' WHERE id = $1`,
      [session.id, startedAt, new Date(startedAt.getTime() + 60 * 60_000)],
    );
    await offerSlot(server, hana, { startsAt: aStart({ daysAhead: 2, hour: 9 }) });
    await offerSlot(server, gus, { startsAt: aStart({ daysAhead: 2, hour: 11 }) });
    await offerSlot(server, bea, { startsAt: aStart({ daysAhead: 2, hour: 13 }) });

    // Gus reports Hana from the session page, and blocks her in the same dialog.
    const guest = await stage.signedIn(gus);
    await guest.goto(`${server.url}/sessions/${session.id}`);
    const dialog = guest.getByRole('dialog', { name: 'Report or block Hana Host' });
    // A modal: Escape closes it without sending anything.
    await guest.getByRole('button', { name: 'Report or block…' }).click();
    await dialog.getByRole('radio', { name: 'Did not show up' }).waitFor();
    await guest.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await guest.getByRole('button', { name: 'Report or block…' }).click();
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog.getByText('Choose what happened, or tick “Also block Hana Host”.').waitFor();
    await dialog.getByRole('radio', { name: 'Abusive or harassing' }).check();
    await dialog.getByRole('textbox', { name: 'Comment' }).fill('Insulted me in the chat.');
    await dialog.getByRole('checkbox', { name: /Also block Hana Host/ }).check();
    await dialog.getByRole('button', { name: 'Send' }).click();
    await guest.getByRole('status').filter({ hasText: 'the moderators will review your report' }).waitFor();
    await guest.getByText('Hana Host is blocked').waitFor();
    expect(await dialog.count()).toBe(0);

    // Neither sees the other's slot any more; both still see Bea's.
    expect(await hostsOnTheWeek(guest, 'Bea Bystander')).not.toContain('Hana Host');
    const host = await stage.signedIn(hana);
    expect(await hostsOnTheWeek(host, 'Bea Bystander')).not.toContain('Gus Guest');

    // An admin reads the report on the moderation page and suspends Hana for a week.
    const admin = await stage.signedIn(
      await signUp(server.url, { email: ADMIN_EMAIL, displayName: 'Mo Admin' }),
    );
    await admin.goto(`${server.url}/admin/moderation`);
    const card = admin.getByRole('listitem').filter({
      has: admin.getByRole('heading', { name: 'Abusive or harassing: Hana Host' }),
    });
    await card.getByText('Insulted me in the chat.').waitFor();
    await card.getByRole('link', { name: 'Replay the board and chat' }).waitFor();
    await card.getByRole('textbox', { name: 'Reason for your decision' }).fill('Abuse in the chat');
    await card.getByRole('combobox', { name: 'Suspend for' }).selectOption('7');
    // Suspending asks first, in the card; keeping the account changes nothing.
    await card.getByRole('button', { name: 'Suspend…', exact: true }).click();
    await card.getByRole('button', { name: 'Keep the account' }).click();
    await card.getByRole('button', { name: 'Suspend…', exact: true }).click();
    await card.getByRole('button', { name: 'Suspend Hana Host', exact: true }).click();
    const status = admin.getByRole('status').filter({ hasText: 'Hana Host is suspended for 7 days.' });
    await status.waitFor();
    // The card is gone: focus is on the line that says what happened, not lost.
    expect(await status.evaluate((element) => element === document.activeElement)).toBe(true);
    await admin.getByText('No open reports').waitFor();
    await admin.getByRole('cell', { name: /^Suspended Hana Host until/ }).waitFor();
    // The report is among the resolved ones, with the decision.
    await admin.getByRole('combobox', { name: 'Show' }).selectOption('resolved');
    await admin.getByText('Resolved by Mo Admin').waitFor();
    const restricted = admin.getByRole('listitem').filter({
      has: admin.getByRole('heading', { name: /^Hana Host/ }),
    });
    await restricted.getByText(/^Suspended until .*: Abuse in the chat$/).waitFor();

    // Hana's next request lands on Sign in, which says why.
    await host.goto(`${server.url}/profile`);
    await host.waitForURL(/\/signin\?next=%2Fprofile$/);
    await host
      .getByRole('alert')
      .filter({ hasText: /Your account is suspended by a moderator until/ })
      .waitFor();
    await host.getByLabel('Email').fill(hana.user.email);
    await host.getByLabel('Password').fill(hana.password);
    await host.getByRole('button', { name: 'Sign in' }).click();
    // The refused sign-in says it too, beside the notice the page arrived with.
    await host
      .getByText(/Your account is suspended by a moderator until/)
      .nth(1)
      .waitFor();
    expect(host.url()).toMatch(/\/signin/);

    // The admin reinstates her from the restricted accounts, and she can sign in again.
    await restricted.getByRole('textbox', { name: 'Reason to reinstate Hana Host' }).fill('Appeal accepted');
    await restricted.getByRole('button', { name: 'Reinstate' }).click();
    await admin.getByRole('status').filter({ hasText: 'Hana Host is reinstated' }).waitFor();
    await admin.getByText('Nobody is suspended or banned').waitFor();
    await host.getByRole('button', { name: 'Sign in' }).click();
    await host.waitForURL(/\/profile$/);
  });
});

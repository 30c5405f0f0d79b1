import type { Page } from 'playwright-core';
import type { User } from '@mockboard/contracts';
import { signUp, type SignedUpUser } from '../../api/test/support/factories';
import { aBookedSession, aStart } from '../../api/test/support/scheduling-factories';
import { artifact } from './support/browser';
import { DESKTOP, memberStage } from './support/members';

// ICU writes a narrow no-break space before AM/PM; \s matches it. Intl's range format writes
// the shared PM once, as Americans do.
const US_CLOCK = { range: /\b3:30\s–\s5:00\sPM \(UTC\)$/, opens: /opens at .*\b3:00\sPM \(UTC\)/ };
const UK_CLOCK = { range: /\b15:30\s?–\s?17:00 \(UTC\)$/, opens: /opens at .*\b15:00 \(UTC\)/ };

describe('time zones people can find, times in their own format (issue 14)', () => {
  const stage = memberStage();

  /** `user` signed in, in a browser whose language is `locale` and whose clock is in `timezoneId`. */
  async function browserOf(user: SignedUpUser, locale: string, timezoneId = 'UTC'): Promise<Page> {
    const context = await stage.browser.newContext({ viewport: DESKTOP, locale, timezoneId });
    await context.addCookies([{ name: 'mockboard_session', value: user.accessToken, url: stage.server.url }]);
    return context.newPage();
  }

  async function me(page: Page): Promise<User> {
    return (await page.evaluate(async () => (await fetch('/api/me')).json())) as User;
  }

  describe('the time-zone filter', () => {
    it.each([
      ['Kolkata', 'Asia/Kolkata', /^Asia\/Kolkata \(GMT\+5:30\)$/],
      ['Calcutta', 'Asia/Kolkata', /^Asia\/Kolkata \(GMT\+5:30\)$/],
      ['India', 'Asia/Kolkata', /^Asia\/Kolkata \(GMT\+5:30\)$/],
      ['Kyiv', 'Europe/Kyiv', /^Europe\/Kyiv \(GMT\+[23]\)$/],
      ['Kiev', 'Europe/Kyiv', /^Europe\/Kyiv \(GMT\+[23]\)$/],
      ['Ho Chi Minh City', 'Asia/Ho_Chi_Minh', /^Asia\/Ho Chi Minh \(GMT\+7\)$/],
      ['Vietnam', 'Asia/Ho_Chi_Minh', /^Asia\/Ho Chi Minh \(GMT\+7\)$/],
    ])('finds "%s" on the profile page, shown by its current name %s', async (typed, zone, label) => {
      const user = await signUp(stage.server.url, { timezone: 'Europe/Berlin' });
      const page = await browserOf(user, 'en-GB', 'Europe/Berlin');
      await page.goto(`${stage.server.url}/profile`);
      const select = page.getByLabel('Time zone', { exact: true });
      await page.getByLabel('Filter by city or region').fill(typed);

      await page.getByText(/^\d+ match(es)?$/).waitFor();
      expect(await page.getByText('No time zone matches that filter.').count()).toBe(0);
      expect(await select.inputValue()).toBe(zone);
      expect(await select.locator('option:checked').textContent()).toMatch(label);

      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('Profile saved.').waitFor();
      expect((await me(page)).timezone).toBe(zone);
      await page.context().close();
    });

    it('signs up a browser in Kolkata as Asia/Kolkata, not Chromium’s Asia/Calcutta', async () => {
      const context = await stage.browser.newContext({
        viewport: DESKTOP,
        locale: 'en-IN',
        timezoneId: 'Asia/Kolkata',
      });
      const page = await context.newPage();
      await page.goto(`${stage.server.url}/signup`);
      const select = page.getByLabel('Time zone', { exact: true });
      expect(await select.inputValue()).toBe('Asia/Kolkata');
      expect(await select.locator('option:checked').textContent()).toBe('Asia/Kolkata (GMT+5:30)');
      expect(await select.locator('option', { hasText: 'Calcutta' }).count()).toBe(0);
      await page.screenshot({ path: artifact('signup-kolkata.png') });
      await context.close();
    });
  });

  describe('times on a session page', () => {
    /**
     * A booked session at 15:30 UTC in two days (its room opens at 15:00), seen by a guest whose
     * profile's zone is UTC.
     */
    async function aSessionAtHalfPastThree() {
      const guest = await signUp(stage.server.url, { timezone: 'UTC', displayName: 'Gwen Guest' });
      const { session } = await aBookedSession(stage.server, {
        guest,
        slot: { startsAt: aStart({ daysAhead: 2, hour: 15, minute: 30 }) },
      });
      return { guest, path: `${stage.server.url}/sessions/${session.id}` };
    }

    /** The session's time and the room's opening time, as the page writes them. */
    async function sessionTimes(page: Page): Promise<{ range: string; opens: string }> {
      const when = page.locator('.session-summary__when');
      const opens = page.getByText(/^The room opens at/);
      await Promise.all([when.waitFor(), opens.waitFor()]);
      return { range: (await when.textContent()) ?? '', opens: (await opens.textContent()) ?? '' };
    }

    function expectClock(times: { range: string; opens: string }, clock: typeof US_CLOCK): void {
      expect(times.range).toMatch(clock.range);
      expect(times.opens).toMatch(clock.opens);
    }

    it('shows a US browser a 12-hour clock and a British one a 24-hour clock, zone named', async () => {
      const { guest, path } = await aSessionAtHalfPastThree();

      const american = await browserOf(guest, 'en-US');
      await american.goto(path);
      const us = await sessionTimes(american);
      expectClock(us, US_CLOCK);
      expect(`${us.range} ${us.opens}`).not.toMatch(/15:|17:/);
      await american.screenshot({ path: artifact('session-en-US.png') });

      const british = await browserOf(guest, 'en-GB');
      await british.goto(path);
      const gb = await sessionTimes(british);
      expectClock(gb, UK_CLOCK);
      expect(`${gb.range} ${gb.opens}`).not.toMatch(/[AP]M/);
      await Promise.all([american.context().close(), british.context().close()]);
    });

    it('lets the profile’s "Date and time format" win over the browser’s language, and keeps it', async () => {
      const { guest, path } = await aSessionAtHalfPastThree();
      const page = await browserOf(guest, 'en-US');
      await page.goto(path);
      expectClock(await sessionTimes(page), US_CLOCK);

      await page.goto(`${stage.server.url}/profile`);
      const format = page.getByLabel('Date and time format');
      expect(await format.inputValue()).toBe('');
      expect(await format.locator('option:checked').textContent()).toMatch(/^As this browser \(en-US\)/);
      await format.selectOption('en-GB');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('Profile saved.').waitFor();
      expect((await me(page)).dateTimeLocale).toBe('en-GB');
      await page.screenshot({ path: artifact('profile-date-time-format.png'), fullPage: true });

      await page.goto(path);
      expectClock(await sessionTimes(page), UK_CLOCK);

      // Back to the browser's way: the 12-hour clock returns.
      await page.goto(`${stage.server.url}/profile`);
      await page.getByLabel('Date and time format').selectOption('');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('Profile saved.').waitFor();
      expect((await me(page)).dateTimeLocale).toBeNull();
      await page.goto(path);
      expectClock(await sessionTimes(page), US_CLOCK);
      await page.context().close();
    });
  });
});

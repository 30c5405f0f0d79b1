import type { Browser, Page } from 'playwright-core';
import { signUp } from '../../api/test/support/factories';
import { aPastSession } from '../../api/test/support/scoring-factories';
import { startTestApp, type TestApp } from '../../api/test/support/test-app';
import { artifact, launchBrowser } from './support/browser';
import { expectNoSidewaysScroll, PHONE } from './support/members';
import { signedInPage } from './support/scoring';

/**
 * Issue 17 in the browser: the library's "not practised yet" filter, kept in the URL; the rubric's
 * hint weighting; the level each prompt signal evidences in the interviewer's guide.
 */
describe('the prompt library and the rubric, issue 17', () => {
  let server: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestApp({ ADMIN_EMAILS: 'guide-reader@example.test' }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const cardTitles = (page: Page) => page.locator('.prompt-card__title').allTextContents();

  it('filters the library by what the user has not practised yet, and says when that is everything', async () => {
    const user = await signUp(server.url);
    // One completed session: the URL shortener (round 1) and the rate limiter (round 2).
    await aPastSession(server, { host: user, prompts: ['url-shortener', 'rate-limiter'] });
    const { context, page } = await signedInPage(browser, server.url, user, 'Europe/London');

    await page.goto(`${server.url}/prompts`);
    const all = page.getByText(/^\d+ prompts$/);
    await all.waitFor();
    const total = Number((await all.textContent())?.split(' ')[0]);

    await page.getByLabel('Practice').selectOption({ label: 'Not practised' });
    await page.getByText(`${total - 2} prompts match`).waitFor();
    expect(new URL(page.url()).searchParams.get('practised')).toBe('no');
    const titles = await cardTitles(page);
    expect(titles.some((title) => /URL shortener/.test(title))).toBe(false);
    expect(titles.some((title) => /rate limiter/i.test(title))).toBe(false);

    // Searching for a prompt already practised leaves nothing, and the page says why.
    await page.getByRole('searchbox', { name: 'Search prompts' }).fill('url shortener');
    await page.getByRole('heading', { name: 'You have practised every prompt that matches' }).waitFor();
    await page.screenshot({ path: artifact('library-all-practised.png') });

    // Reloading keeps the filters (they are in the URL); "Practised" finds the prompt again.
    await page.reload();
    await page.getByRole('heading', { name: 'You have practised every prompt that matches' }).waitFor();
    await page.getByLabel('Practice').selectOption({ label: 'Practised' });
    await page.getByText('1 prompt match').waitFor();
    await page
      .getByRole('link', { name: /Design a URL shortener/ })
      .first()
      .waitFor();

    // On a phone the five filters fit the screen.
    await page.setViewportSize(PHONE);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: artifact('library-practice-phone.png') });

    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.getByText(`${total} prompts`).waitFor();
    expect(new URL(page.url()).search).toBe('');
    await context.close();
  });

  it('offers no practice filter to someone signed out and ignores it in a shared link', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/prompts?practised=no`);
    await page.getByText(/^\d+ prompts$/).waitFor();

    expect(await page.getByLabel('Practice').count()).toBe(0);
    expect(await page.getByLabel('Topic').count()).toBe(1);
    await page.close();
  });

  it('filters by a curated topic, and still by the one tag of an older link', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/prompts`);
    await page.getByText(/^\d+ prompts$/).waitFor();

    // A dozen or so topics people study by, not every tag of the library.
    const topic = page.getByLabel('Topic');
    const options = await topic.locator('option').allTextContents();
    expect(options[0]).toBe('All');
    expect(options.length - 1).toBeGreaterThanOrEqual(10);
    expect(options.length - 1).toBeLessThanOrEqual(16);
    expect(options).toEqual(expect.arrayContaining(['Caching', 'Payments, bookings and trading']));

    await topic.selectOption({ label: 'Payments, bookings and trading' });
    await page.getByText(/^\d+ prompts? match$/).waitFor();
    expect(new URL(page.url()).searchParams.get('topic')).toBe('payments-and-money');
    const titles = await cardTitles(page);
    expect(titles.some((title) => /wallet/i.test(title))).toBe(true);
    expect(titles.some((title) => /URL shortener/.test(title))).toBe(false);

    // An older link by tag keeps working, and says which tag it filters by.
    await page.goto(`${server.url}/prompts?tag=sorted-sets`);
    await page.getByText('1 prompt match').waitFor();
    expect(await cardTitles(page)).toEqual([expect.stringMatching(/leaderboard/i)]);
    await page.getByRole('button', { name: 'Remove the tag filter sorted-sets' }).click();
    await page.getByText(/^\d+ prompts$/).waitFor();
    expect(new URL(page.url()).searchParams.get('tag')).toBeNull();
    await page.close();
  });

  it('shows on the rubric page how much each hint stage weighs, and the foundational level', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/rubric`);
    const section = page.getByRole('region', { name: 'Hints and the score' });
    await section.waitFor();

    expect(await section.getByText('No effect on the score', { exact: true }).count()).toBe(1);
    expect(await section.getByText('At most Solid (3)', { exact: true }).count()).toBe(1);
    expect(await section.getByText('At most Developing (2)', { exact: true }).count()).toBe(1);
    // Each stage's words say why, beside its cap, without saying the cap a second time.
    expect((await section.innerText()).match(/no effect on the score|at most|out of reach/gi)).toHaveLength(
      3,
    );
    expect(await page.getByText('Foundational').count()).toBeGreaterThan(0);
    expect(await page.getByText('Insufficient').count()).toBe(0);
    await section.screenshot({ path: artifact('rubric-hint-weighting.png') });
    await page
      .getByRole('navigation', { name: 'Dimensions' })
      .screenshot({ path: artifact('rubric-overview.png') });
    await page.close();
  });

  it("shows the level each signal evidences in the interviewer's guide", async () => {
    const admin = await signUp(server.url, { email: 'guide-reader@example.test' });
    const { context, page } = await signedInPage(browser, server.url, admin, 'Europe/London');
    await page.goto(`${server.url}/prompts/url-shortener`);
    const table = page.locator('.signals-table');
    await table.waitFor();

    const strong = await table.locator('.signal-level--strong').allTextContents();
    expect(strong.length).toBeGreaterThan(0);
    for (const text of strong) expect(text).toMatch(/^Strong · (Solid \(3\)|Exceptional \(4\))$/);
    const weak = await table.locator('td[data-label="Weak"] .signal-level').allTextContents();
    for (const text of weak) expect(text).toMatch(/^Weak · (Foundational \(1\)|Developing \(2\))$/);
    await table.screenshot({ path: artifact('guide-signal-levels.png') });
    await context.close();
  });
});

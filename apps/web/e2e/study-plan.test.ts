import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { signUp, type SignedUpUser } from '../../api/test/support/factories';
import { startTestApp, type TestApp } from '../../api/test/support/test-app';
import { artifact, launchBrowser } from './support/browser';
import { PHONE, expectNoSidewaysScroll } from './support/members';
import { anInterviewThatEnded, signedInPage } from './support/scoring';

/**
 * Issue 17's study plan as a user meets it: the default board, a card moved and marked done with
 * the keyboard-reachable controls, a note with a link, a mock that completes a prompt's card by
 * itself, the Markdown export and a reset.
 */
describe('the study plan board', () => {
  let server: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await server?.close();
  });

  async function pageOf(user: SignedUpUser): Promise<Page> {
    const { context, page } = await signedInPage(browser, server.url, user, 'Europe/Berlin');
    contexts.push(context);
    return page;
  }

  const column = (page: Page, title: RegExp) => page.getByRole('region', { name: title });
  const card = (page: Page, title: string) => page.getByRole('article', { name: title, exact: true });
  const progressText = (page: Page) => page.locator('.plan-progress__text').innerText();

  it('opens the default plan, moves a card, marks it done, adds a note with a link and exports it', async () => {
    const me = await signUp(server.url, { displayName: 'Pat Planner' });
    const partner = await signUp(server.url);
    const page = await pageOf(me);

    await page.goto(`${server.url}/practice`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Study plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your study plan' }).waitFor();
    await column(page, /Weeks 1-\d+ · Foundations/).waitFor();
    await column(page, /Interviews$/).waitFor();
    const total = Number((await progressText(page)).match(/of (\d+) done/)![1]);
    expect(await progressText(page)).toBe(`0 of ${total} done`);
    expect(await card(page, 'Design a URL shortener').count()).toBe(1);
    await page.screenshot({ path: artifact('study-plan-desktop.png') });

    // Move a card with the "Move to…" select: it lands at the end of the Foundations column.
    const task = 'Two mock interviews a week';
    const foundationsId = (await column(page, /Foundations/).getAttribute('aria-labelledby'))!.replace(
      'plan-column-',
      '',
    );
    await card(page, task).getByLabel(`Move “${task}” to another column`).selectOption(foundationsId);
    await column(page, /Foundations/)
      .getByRole('article', { name: task })
      .waitFor();
    expect(
      await column(page, /Interviews$/)
        .getByRole('article', { name: task })
        .count(),
    ).toBe(0);
    // One more step, up, from the keyboard.
    await card(page, task)
      .getByRole('button', { name: `Move “${task}” up` })
      .focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: `Moved “${task}”` })
      .waitFor();
    const foundations = await column(page, /Foundations/)
      .getByRole('article')
      .evaluateAll((cards) => cards.map((each) => each.getAttribute('aria-labelledby')));
    expect(foundations.at(-2)).toBe(await card(page, task).getAttribute('aria-labelledby'));

    // Mark it done with its status chip.
    await card(page, task).getByRole('button', { name: 'Done', exact: true }).click();
    await page.waitForFunction(
      (text) => document.querySelector('.plan-progress__text')?.textContent?.startsWith(text),
      `1 of ${total} done`,
    );
    expect(
      await card(page, task).getByRole('button', { name: 'Done', exact: true }).getAttribute('aria-pressed'),
    ).toBe('true');

    // A note with a link, through the card's editor.
    await card(page, task)
      .getByRole('button', { name: `Edit “${task}”` })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Edit card' });
    await dialog.getByLabel('Notes').fill('Book them for **Tuesdays** and Thursdays.');
    await dialog.getByRole('button', { name: 'Add a link' }).click();
    await dialog.getByLabel('Link 1 address').fill('javascript:alert(1)');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('must be a web address starting with http:// or https://').waitFor();
    await dialog.getByLabel('Link 1 address').fill('https://example.com/mock-schedule');
    await dialog.getByLabel('Link 1 title (optional)').fill('My mock schedule');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const link = card(page, task).getByRole('link', { name: 'My mock schedule' });
    expect(await link.getAttribute('href')).toBe('https://example.com/mock-schedule');
    await card(page, task).getByText('Notes').click();
    expect(await card(page, task).locator('strong').innerText()).toBe('Tuesdays');

    // A mock on the URL shortener completes, the real way (both in the room, the interviewer ends
    // it): its card is done when the board is next opened, and says which mock did it.
    const session = await anInterviewThatEnded(server.url, partner, me);
    await page.reload();
    const shortener = card(page, 'Design a URL shortener');
    await shortener.getByText(/^Done · completed in your mock on \d+ \w+ \d{4}$/).waitFor();
    expect(await shortener.getByRole('link', { name: /your mock on/ }).getAttribute('href')).toBe(
      `/sessions/${session.id}`,
    );
    expect(await progressText(page)).toBe(`2 of ${total} done`);

    // Export: a Markdown file with the columns, the boxes, the note and the link.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export as Markdown' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('mockboard-study-plan.md');
    const markdown = await readFile((await download.path())!, 'utf8');
    expect(markdown).toMatch(/^# Study plan\n\n2 of \d+ done\.\n\n## Weeks 1-\d+ · Foundations\n/);
    expect(markdown).toContain(
      `- [x] ${task} · Done\n\n  Book them for **Tuesdays** and Thursdays.\n\n  - [My mock schedule](<https://example.com/mock-schedule>)`,
    );
    expect(markdown).toMatch(
      /- \[x\] \[Design a URL shortener\]\(<.*\/prompts\/url-shortener>\) · Done · completed in your mock on/,
    );
    await page.screenshot({ path: artifact('study-plan-after-edits-desktop.png') });
    await column(page, /Foundations/).screenshot({ path: artifact('study-plan-foundations-column.png') });

    // Reset asks first, then puts the default back: the task returns to Interviews, the mock's card stays done.
    await page.getByRole('button', { name: 'Reset to the default plan' }).click();
    await page.getByRole('button', { name: 'Reset my plan' }).click();
    await column(page, /Interviews$/)
      .getByRole('article', { name: task })
      .waitFor();
    expect(
      await card(page, task).getByRole('button', { name: 'To do', exact: true }).getAttribute('aria-pressed'),
    ).toBe('true');
    await shortener.getByText(/^Done · completed in your mock on/).waitFor();

    // Pointer users may drag a card instead: the first of Core products to the top of Foundations
    // (both in view, so nothing scrolls under the pointer while it drags).
    await page.locator('.plan-board').evaluate((board) => board.scrollTo({ left: 0 }));
    const source = column(page, /Core products/)
      .getByRole('article')
      .first();
    const dragged = await source.getAttribute('aria-labelledby');
    await source.dragTo(
      column(page, /Foundations/)
        .getByRole('article')
        .first(),
      {
        targetPosition: { x: 60, y: 4 },
      },
    );
    await page.waitForFunction(
      (id) => document.querySelector('.plan-column .plan-card')?.getAttribute('aria-labelledby') === id,
      dragged,
    );
    expect(
      await column(page, /Core products/)
        .locator(`[aria-labelledby="${dragged}"]`)
        .count(),
    ).toBe(0);
  });

  it('fits a phone and a tablet: the board scrolls sideways inside itself, never the page', async () => {
    const me = await signUp(server.url);
    const { context, page } = await signedInPage(browser, server.url, me, 'Europe/Berlin');
    contexts.push(context);
    await page.setViewportSize(PHONE);
    await page.goto(`${server.url}/plan`);
    await column(page, /Foundations/).waitFor();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: artifact('study-plan-phone.png') });
    const scrolls = await page
      .locator('.plan-board')
      .evaluate((board) => board.scrollWidth > board.clientWidth);
    expect(scrolls).toBe(true);

    // A tablet: the header keeps its five links on one row without widening the page either.
    await page.setViewportSize({ width: 768, height: 900 });
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: artifact('study-plan-tablet.png') });
  });
});

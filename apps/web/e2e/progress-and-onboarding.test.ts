import type { Session } from '@mockboard/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { signUp, type SignedUpUser } from '../../api/test/support/factories';
import { aLiveSession } from '../../api/test/support/room-client';
import { aStartIn, asUser, offerSlot } from '../../api/test/support/scheduling-factories';
import { aPastSession, aScorecard, putScorecard, rate } from '../../api/test/support/scoring-factories';
import { startTestApp, type TestApp } from '../../api/test/support/test-app';
import { artifact, launchBrowser } from './support/browser';
import { DESKTOP } from './support/members';
import { dimensionsOf, scoreDimensions, signedInPage } from './support/scoring';

/**
 * Issue 14, as a new user meets it: the home page's example prompts, sign-up (level, where it
 * lands), a partner's badge and reliability, a progress page that agrees with itself, and a
 * self-assessment that says when it closes.
 */
describe('from the home page to the progress page, as a new user', () => {
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

  async function pageOf(user: SignedUpUser, timezoneId = 'Europe/Berlin'): Promise<Page> {
    const { context, page } = await signedInPage(browser, server.url, user, timezoneId);
    contexts.push(context);
    return page;
  }

  it('follows a home page example to a real prompt, signs up with a level and lands on Practice', async () => {
    const context = await browser.newContext({
      viewport: DESKTOP,
      timezoneId: 'Europe/Berlin',
      locale: 'en-GB',
    });
    contexts.push(context);
    const page = await context.newPage();

    // Every prompt the home page names opens its page.
    for (const [link, heading] of [
      ['a URL shortener', /URL shortener/],
      ['a replicated key-value store with Raft', /key-value store with Raft/],
    ] as const) {
      await page.goto(server.url);
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    }
    await page.goto(server.url);
    expect(await page.getByText(/distributed queue/i).count()).toBe(0);

    // Others waiting on Practice: one new (no level, no history), one with a session behind them.
    const newcomer = await signUp(server.url, { displayName: 'Nell Newcomer' });
    const regular = await signUp(server.url, { displayName: 'Reg Regular' });
    await asUser(server, regular).patch('/api/me', { targetLevel: 'staff' }).expect(200);
    await aPastSession(server, { host: regular, status: 'completed' });
    // Two and three hours ahead: on the week view whatever the day and hour, as it shows the seven
    // days from today in the user's zone (not a Monday-to-Sunday week), however late today is.
    await offerSlot(server, newcomer, { startsAt: aStartIn(120) });
    await offerSlot(server, regular, { startsAt: aStartIn(180) });

    await page.getByRole('link', { name: 'Get started' }).click();
    await page.getByLabel('Email').fill(`sam-${randomUUID().slice(0, 8)}@example.test`);
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByLabel('Display name').fill('Sam Signup');
    const level = page.getByLabel('Target level (optional)');
    expect(await level.inputValue()).toBe(''); // "Not set" until chosen
    await level.selectOption({ label: 'Senior' });
    await page.screenshot({ path: artifact('signup-level-desktop.png'), fullPage: true });
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Practice' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/practice');
    const me = (await page.evaluate(async () => (await fetch('/api/me')).json())) as { targetLevel: string };
    expect(me.targetLevel).toBe('senior');

    // A partner who chose no level is "New", with no row of zeros; a partner with history shows it.
    const week = page.getByRole('region', { name: 'Book a partner' });
    const newCard = week.locator('.slot-card', { hasText: 'Nell Newcomer' });
    await newCard.locator('.level-badge', { hasText: /^New$/ }).waitFor();
    expect(await newCard.getByText(/done|no-show/).count()).toBe(0);
    const regularCard = week.locator('.slot-card', { hasText: 'Reg Regular' });
    await regularCard.locator('.level-badge', { hasText: /^Staff/ }).waitFor();
    await regularCard.getByText('1 done · 0 late cancels · 0 no-shows').waitFor();
    expect(await week.locator('.level-badge', { hasText: 'Mid-level' }).count()).toBe(0);
    await page.screenshot({ path: artifact('practice-after-signup-desktop.png'), fullPage: true });
  }, 120_000);

  it('greets a signed-in member on the home page with their sessions, not the pitch', async () => {
    const me = await signUp(server.url, { displayName: 'Hana Home', timezone: 'Europe/Berlin' });
    const partner = await signUp(server.url, { displayName: 'Pat Partner' });
    const page = await pageOf(me);
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: 'Welcome back, Hana Home' }).waitFor();
    await page.getByRole('heading', { name: 'No upcoming sessions' }).waitFor();
    expect(await page.getByRole('link', { name: 'Get started' }).count()).toBe(0);

    // Once a session is booked, the home page leads with it and its Join.
    await aLiveSession(server.url, partner, me);
    await page.reload();
    const upcoming = page.getByRole('list', { name: 'Upcoming sessions' });
    await upcoming.getByRole('button', { name: /^Join / }).waitFor();
    await page.screenshot({ path: artifact('home-signed-in.png'), fullPage: true });
    await page.getByRole('link', { name: 'Book a session' }).click();
    await page.getByRole('heading', { level: 1, name: 'Practice' }).waitFor();
  });

  it('counts a session ended before its scheduled start in every figure, and explains tied extremes', async () => {
    const me = await signUp(server.url, { displayName: 'Early Bird', timezone: 'Europe/Berlin' });
    const partner = await signUp(server.url, { displayName: 'Pat Partner' });
    // Booked for three hours from now, held at once and ended from the room.
    const early = await aPastSession(server, {
      host: partner,
      guest: me,
      format: 'single',
      prompts: ['url-shortener'],
      status: 'scoring',
      startedHoursAgo: -3,
    });
    // Ties on both sides: three 4s and three 3s; the rule names them in rubric order.
    await putScorecard(
      server,
      partner,
      early.id,
      1,
      aScorecard({ requirements: 2, 'deep-dive': 4, tradeoffs: 4, communication: 4 }),
    );
    await rate(server, me, early.id, 1);

    const page = await pageOf(me);
    await page.goto(`${server.url}/progress`);
    await page.getByRole('heading', { level: 1, name: 'Your progress' }).waitFor();
    const stat = (label: string) => page.locator('.progress-stats div', { hasText: label }).locator('dd');
    await page.getByRole('img', { name: /Level per rubric dimension/ }).waitFor();
    expect(await stat('Sessions').textContent()).toBe('1');
    expect(await stat('Weekly streak').textContent()).toBe('1 week');
    expect(await stat('Prompts done').textContent()).toMatch(/^1 of \d+$/);
    expect(await page.getByText('No sessions yet.').count()).toBe(0);
    await page.locator('.history-entry', { hasText: 'Design a URL shortener' }).waitFor();

    const list = (title: string) =>
      page.locator('.extreme', { has: page.getByRole('heading', { name: title }) }).getByRole('listitem');
    expect(await list('Strongest').allTextContents()).toEqual([
      'Deep dive and scalability',
      'Trade-offs and bottlenecks',
    ]);
    expect(await list('Needs the most work').allTextContents()).toEqual([
      'Requirements and scope',
      'Back-of-the-envelope estimation',
    ]);
    await page.getByText(/Equal averages go to the dimension scored in more rounds/).waitFor();
    await page.screenshot({ path: artifact('progress-early-session-desktop.png'), fullPage: true });
  }, 120_000);

  it('says nothing stands out when every dimension scored the same', async () => {
    const me = await signUp(server.url, { displayName: 'Even Eve', timezone: 'Europe/Berlin' });
    const partner = await signUp(server.url, { displayName: 'Pat Partner' });
    const even = await aPastSession(server, {
      host: partner,
      guest: me,
      format: 'single',
      prompts: ['url-shortener'],
      status: 'scoring',
    });
    await putScorecard(server, partner, even.id, 1, aScorecard());
    await rate(server, me, even.id, 1);

    const page = await pageOf(me);
    await page.goto(`${server.url}/progress`);
    await page
      .getByText(/Every dimension you were scored on averages 3(\.0+)? so far: none stands out yet/)
      .waitFor();
    await page.screenshot({ path: artifact('progress-all-level.png'), fullPage: true });
  });

  it('says before round 2 is submitted that it closes the round 1 self-assessment, and agrees afterwards', async () => {
    const ivy = await signUp(server.url, { displayName: 'Ivy Interviewer', timezone: 'Europe/Berlin' });
    const cam = await signUp(server.url, { displayName: 'Cam Candidate', timezone: 'Europe/Berlin' });
    // A swap that was just held: Ivy interviewed Cam in round 1, Cam interviews Ivy in round 2.
    const held = await aPastSession(server, { host: ivy, guest: cam, status: 'scoring', startedHoursAgo: 1 });
    const session = (await asUser(server, cam).get(`/api/sessions/${held.id}`).expect(200)).body as Session;
    const camRound = session.rounds.find((round) => round.candidateId === cam.user.id)!;
    const ivyRound = session.rounds.find((round) => round.candidateId === ivy.user.id)!;
    await putScorecard(server, ivy, held.id, camRound.number, aScorecard());

    const page = await pageOf(cam);
    const sessionPage = `${server.url}/sessions/${held.id}`;
    await page.goto(sessionPage);
    await page
      .getByText(
        `Your self-assessment is open until Ivy Interviewer’s feedback about you is revealed, when you submit your round ${ivyRound.number} scorecard about Ivy Interviewer`,
        { exact: false },
      )
      .waitFor();
    await page.getByRole('link', { name: `Score this round: round ${camRound.number}` }).click();
    await page.getByRole('heading', { level: 1, name: 'Your self-assessment' }).waitFor();
    await page.getByText(/It is open until Ivy Interviewer’s feedback about you is revealed/).waitFor();

    // Round 2: the page and the confirmation both say what submitting closes, before it does.
    await page.goto(`${sessionPage}/rounds/${ivyRound.number}/score`);
    await page.getByRole('heading', { level: 1, name: 'Score Ivy Interviewer' }).waitFor();
    await page
      .getByRole('note')
      .getByText(`Your round ${camRound.number} self-assessment is still open.`, { exact: false })
      .waitFor();
    await scoreDimensions(page, 3, 0, await dimensionsOf(page).count());
    await page.getByRole('radio', { name: 'Hire', exact: true }).check();
    await page.getByRole('radio', { name: 'Senior', exact: true }).check();
    await page.getByRole('button', { name: 'Submit scorecard' }).click();
    const confirm = page.getByRole('dialog', { name: 'Submit your scorecard?' });
    await confirm
      .getByText(`Submitting closes your round ${camRound.number} self-assessment`, { exact: false })
      .waitFor();
    await page.screenshot({ path: artifact('scorecard-closes-self-assessment-desktop.png') });
    await confirm.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.getByRole('heading', { name: 'Your scorecard for Ivy Interviewer' }).waitFor();
    // Submitted: the way on is the session's other round, or back to the session.
    const next = page.getByRole('navigation', { name: 'Next' });
    await next.getByRole('link', { name: 'Back to the session' }).waitFor();
    expect(
      await next.getByRole('link', { name: `Round ${camRound.number}’s scorecard` }).getAttribute('href'),
    ).toBe(`/sessions/${held.id}/rounds/${camRound.number}/score`);

    // Afterwards every page agrees: closed, and why; no invitation to score it.
    await page.goto(sessionPage);
    await page.getByRole('link', { name: `See feedback: round ${camRound.number}` }).waitFor();
    await page
      .getByText('Your self-assessment closed unsubmitted when their feedback was revealed.')
      .waitFor();
    expect(await page.getByRole('link', { name: /^Score this round/ }).count()).toBe(0);
    await page.getByRole('link', { name: `See feedback: round ${camRound.number}` }).click();
    await page.getByRole('heading', { name: 'Feedback from Ivy Interviewer' }).waitFor();
    // The page is their feedback now, not a self-assessment to write.
    await page.getByRole('heading', { level: 1, name: 'Your feedback' }).waitFor();
    await page
      .getByText(
        /Your self-assessment is closed, unsubmitted: Ivy Interviewer’s feedback about you has been revealed/,
      )
      .waitFor();
    expect(await page.getByText(/before their feedback unlocks|It is open until/).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Self-assessment' }).count()).toBe(0);
    await page.screenshot({ path: artifact('self-assessment-closed-desktop.png'), fullPage: true });
  }, 120_000);
});

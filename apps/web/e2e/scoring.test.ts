import { randomUUID } from 'node:crypto';
import type { Session } from '@mockboard/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signUp, type SignedUpUser } from '../../api/test/support/factories';
import { aScorecard, putScorecard } from '../../api/test/support/scoring-factories';
import { startTestApp, type TestApp } from '../../api/test/support/test-app';
import { artifact, launchBrowser } from './support/browser';
import { DESKTOP, expectNoSidewaysScroll, PHONE } from './support/members';
import {
  anInterviewThatEnded,
  dimensionsOf,
  focusedName,
  imageLoaded,
  rateInterviewer,
  scoreDimensions,
  signedInPage,
} from './support/scoring';

/** What Ivy wrote in the room while interviewing. */
const IVYS_NOTES = 'Strong on the API.\nMissed the cache until prompted.';

describe('scoring a round and seeing progress in the browser', () => {
  const adminEmail = `admin-${randomUUID().slice(0, 8)}@example.test`;
  let server: TestApp;
  let browser: Browser;
  let ivy: SignedUpUser;
  let cam: SignedUpUser;
  let session: Session;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestApp({ ADMIN_EMAILS: adminEmail }), launchBrowser()]);
    ivy = await signUp(server.url, { displayName: 'Ivy Interviewer', timezone: 'Europe/Berlin' });
    cam = await signUp(server.url, { displayName: 'Cam Candidate', timezone: 'Asia/Kolkata' });
    session = await anInterviewThatEnded(server.url, ivy, cam, undefined, IVYS_NOTES);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await server?.close();
  });

  async function pageOf(user: SignedUpUser, timezoneId: string): Promise<Page> {
    const { context, page } = await signedInPage(browser, server.url, user, timezoneId);
    contexts.push(context);
    return page;
  }

  it('the interviewer scores, the candidate self-assesses and rates, and sees the trend', async () => {
    const interviewer = await pageOf(ivy, 'Europe/Berlin');
    await interviewer.goto(`${server.url}/sessions/${session.id}`);
    await interviewer.getByRole('link', { name: 'Score this round' }).waitFor();
    // The interview has ended: nothing left to put in a calendar.
    expect(await interviewer.getByRole('link', { name: 'Add to calendar' }).count()).toBe(0);
    await interviewer.getByRole('link', { name: 'Score this round' }).click();
    await interviewer.getByRole('heading', { level: 1, name: 'Score Cam Candidate' }).waitFor();
    // The notes she kept in the room are beside the form, as the room said they would be.
    const roomNotes = interviewer.getByRole('region', { name: 'Your notes from the room' });
    expect(await roomNotes.locator('.room-notes-record__text').innerText()).toBe(IVYS_NOTES);
    const dimensions = dimensionsOf(interviewer);
    const count = await dimensions.count();
    expect(count).toBeGreaterThanOrEqual(6);

    // The level chooser is a radio group: arrow keys choose, as everywhere else.
    await dimensions.first().getByRole('radio', { name: /^1 / }).focus();
    await interviewer.keyboard.press('ArrowRight');
    expect(await dimensions.first().getByRole('radio', { name: /^2 / }).isChecked()).toBe(true);
    await scoreDimensions(interviewer, 3, 1, count - 1);
    await interviewer.getByLabel('Strengths').fill('Clear requirements, sensible API, good capacity maths.');
    // Offline, the autosave fails but keeps the text and offers Retry.
    await interviewer.context().setOffline(true);
    await interviewer.getByLabel('Things to improve').fill('Go deeper on cache invalidation.');
    await interviewer.getByRole('button', { name: 'Retry' }).waitFor();
    await interviewer
      .locator('.save-indicator')
      .getByText(/^Not saved/)
      .waitFor();
    await interviewer.screenshot({ path: artifact('scorecard-offline-desktop.png') });
    await interviewer.context().setOffline(false);
    await interviewer.getByRole('button', { name: 'Retry' }).click();
    await interviewer.locator('.save-indicator').getByText('Saved').waitFor();
    expect(await interviewer.getByLabel('Things to improve').inputValue()).toBe(
      'Go deeper on cache invalidation.',
    );
    await interviewer.getByRole('radio', { name: 'Hire', exact: true }).check();
    await interviewer.getByRole('radio', { name: 'Senior', exact: true }).check();
    await interviewer.locator('.save-indicator').getByText('Saved').waitFor();
    await interviewer.screenshot({ path: artifact('scorecard-interviewer-desktop.png'), fullPage: true });

    // The last dimension has no level yet: the server says so and the page moves to it.
    await interviewer.getByRole('button', { name: 'Submit scorecard' }).click();
    const confirm = interviewer.getByRole('dialog', { name: 'Submit your scorecard?' });
    await confirm.getByText('1 dimension has no level yet').waitFor();
    await interviewer.screenshot({ path: artifact('scorecard-confirm-desktop.png') });
    await confirm.getByRole('button', { name: 'Submit', exact: true }).click();
    await dimensions.last().locator('.field__error').waitFor();
    const lastName = await dimensions.last().getByRole('radio').first().getAttribute('name');
    expect(await focusedName(interviewer)).toBe(lastName);
    await interviewer.screenshot({ path: artifact('scorecard-missing-level-desktop.png') });

    await scoreDimensions(interviewer, 4, count - 1, count);
    await interviewer.setViewportSize(PHONE);
    await expectNoSidewaysScroll(interviewer);
    await interviewer.screenshot({ path: artifact('scorecard-interviewer-phone.png') });
    await interviewer.getByRole('button', { name: 'Submit scorecard' }).click();
    await interviewer.getByRole('button', { name: 'Submit', exact: true }).click();
    await interviewer.getByRole('heading', { name: 'Your scorecard for Cam Candidate' }).waitFor();
    await interviewer.getByText('weighted score (of 4)').waitFor();
    // The form went with its Submit button: the keyboard starts again from the page's title.
    expect(await interviewer.evaluate('document.activeElement?.tagName')).toBe('H1');
    await expectNoSidewaysScroll(interviewer);
    await interviewer.screenshot({ path: artifact('scorecard-submitted-phone.png'), fullPage: true });

    // The candidate: feedback stays locked until they give theirs.
    const candidate = await pageOf(cam, 'Asia/Kolkata');
    await candidate.goto(`${server.url}/sessions/${session.id}`);
    await candidate.getByRole('link', { name: 'Score this round' }).click();
    await candidate.getByRole('heading', { level: 1, name: 'Your self-assessment' }).waitFor();
    await candidate.getByText(/Your partner’s feedback unlocks when you .* \(Asia\/Kolkata\)/).waitFor();
    // The interviewer's notes are hers alone.
    expect(await candidate.getByText('Your notes from the room').count()).toBe(0);
    expect(await candidate.getByText(/Missed the cache/).count()).toBe(0);
    await scoreDimensions(candidate, 3, 0, count);
    await candidate.getByLabel('Strengths').fill('I kept the requirements short and clear.');
    await candidate.locator('.save-indicator').getByText('Saved').waitFor();
    await candidate.screenshot({ path: artifact('self-assessment-desktop.png'), fullPage: true });
    await candidate.getByRole('button', { name: 'Submit self-assessment' }).click();
    await candidate.getByRole('button', { name: 'Submit', exact: true }).click();
    await candidate.getByRole('heading', { name: 'Your self-assessment', level: 2 }).waitFor();

    const rating = await rateInterviewer(candidate, 4, 5);
    await rating.getByText('Thanks: your rating is saved.').waitFor();
    await candidate.getByRole('heading', { name: 'Feedback from Ivy Interviewer' }).waitFor();
    // The rating closed with the reveal: saving again is off, and says why.
    await rating.getByText('Ratings are closed now').waitFor();
    expect(await rating.getByRole('button', { name: 'Save rating' }).isDisabled()).toBe(true);
    await candidate.screenshot({ path: artifact('feedback-revealed-desktop.png'), fullPage: true });
    // Back later, the rating given is shown as it was, with no form the server would refuse.
    await candidate.reload();
    const given = candidate.getByRole('region', { name: 'Your rating of Ivy Interviewer as an interviewer' });
    await given.getByText('5 of 5').waitFor();
    await given.getByText(/Ratings closed on .*\(Asia\/Kolkata\)/).waitFor();
    expect(await candidate.getByRole('form', { name: 'Interviewer rating' }).count()).toBe(0);

    // Progress: a chart with the round on it, and the same data as a table.
    await candidate.getByRole('link', { name: 'Progress', exact: true }).click();
    await candidate.getByRole('heading', { level: 1, name: 'Your progress' }).waitFor();
    const chart = candidate.getByRole('img', { name: /Level per rubric dimension/ });
    await chart.waitFor();
    expect(await chart.locator('circle').count()).toBeGreaterThanOrEqual(count);
    // Self-assessment against the partner's scores, the gap said in words (she gave 2 where Cam gave 3).
    await candidate
      .getByText(/You rate yourself 1(\.0)? higher/)
      .first()
      .waitFor();
    await candidate.getByText('In line with your partners').first().waitFor();
    await candidate.getByText('Show the data as a table').click();
    expect(await candidate.getByRole('table').getByRole('row').count()).toBe(2);
    const thumbnail = candidate.locator('.history-entry img');
    await thumbnail.scrollIntoViewIfNeeded();
    await imageLoaded(candidate, '.history-entry img');
    await candidate.screenshot({ path: artifact('progress-desktop.png'), fullPage: true });
    await candidate.setViewportSize(PHONE);
    await expectNoSidewaysScroll(candidate);
    await candidate.screenshot({ path: artifact('progress-phone.png'), fullPage: true });
  }, 180_000);

  it('scores a swap ended in round 1 as one round: the candidate’s rating reveals it', async () => {
    const dee = await signUp(server.url, { displayName: 'Dee Interviewer' });
    const eli = await signUp(server.url, { displayName: 'Eli Candidate' });
    const ended = await anInterviewThatEnded(server.url, dee, eli, [], undefined, 'swap');
    await putScorecard(server, dee, ended.id, 1, aScorecard());

    const candidate = await pageOf(eli, 'UTC');
    await candidate.goto(`${server.url}/sessions/${ended.id}`);
    await candidate.getByText('Round 2 did not take place: the interview ended in round 1.').waitFor();
    // Nothing to score in round 2, and nothing waits for it.
    expect(await candidate.getByRole('link', { name: /round 2$/ }).count()).toBe(0);
    await candidate.getByRole('link', { name: /^Score this round/ }).click();
    await candidate.getByText(/unlocks when you rate Dee Interviewer below/).waitFor();
    await rateInterviewer(candidate, 4, 4);
    await candidate.getByRole('heading', { name: 'Feedback from Dee Interviewer' }).waitFor();
    await candidate.screenshot({ path: artifact('swap-ended-in-round-1-revealed.png'), fullPage: true });
  });

  it('shares the case study publicly, then revokes the link', async () => {
    const candidate = await pageOf(cam, 'Asia/Kolkata');
    await candidate.goto(`${server.url}/sessions/${session.id}`);
    await candidate.getByRole('link', { name: 'Download case study (.md)' }).waitFor();
    // The switch stays disabled until the current link has loaded; then click its label (the switch
    // is drawn over the checkbox), as a person would, and wait for the server's answer.
    const toggle = candidate.getByRole('switch', { name: 'Share publicly' });
    await candidate.locator('label.switch', { hasText: 'Share publicly' }).locator('input:enabled').waitFor();
    await candidate.locator('label.switch', { hasText: 'Share publicly' }).click();
    await candidate.getByLabel('Public link').waitFor();
    expect(await toggle.isChecked()).toBe(true);
    const link = await candidate.getByLabel('Public link').inputValue();
    expect(link).toMatch(/\/shared\//);
    await candidate.screenshot({ path: artifact('session-portfolio-desktop.png'), fullPage: true });

    const stranger = await browser.newContext({ viewport: DESKTOP });
    contexts.push(stranger);
    const reader = await stranger.newPage();
    await reader.goto(link);
    await reader.getByRole('heading', { level: 1 }).waitFor();
    await reader.getByRole('img', { name: /whiteboard/i }).waitFor();
    await imageLoaded(reader, '.whiteboard-figure img');
    await reader.screenshot({ path: artifact('shared-case-study-desktop.png'), fullPage: true });
    await reader.setViewportSize(PHONE);
    await expectNoSidewaysScroll(reader);
    await reader.screenshot({ path: artifact('shared-case-study-phone.png'), fullPage: true });

    await candidate.getByRole('button', { name: 'Revoke' }).click();
    await candidate.getByText('Revoked: the link no longer works.').waitFor();
    await reader.reload();
    await reader.getByRole('heading', { level: 1, name: 'This link no longer works' }).waitFor();
  }, 120_000);

  it('shows admins calibration per prompt and dimension', async () => {
    const admin = await pageOf(
      await signUp(server.url, { email: adminEmail, displayName: 'Ada Admin' }),
      'UTC',
    );
    await admin.goto(`${server.url}/progress`);
    await admin
      .getByRole('heading', { name: 'Your progress appears after your first scored session' })
      .waitFor();
    await admin.screenshot({ path: artifact('progress-empty-desktop.png') });
    await admin.getByRole('button', { name: 'Ada Admin' }).click();
    await admin.getByRole('link', { name: 'Calibration' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Calibration' }).waitFor();
    await admin.getByRole('rowheader', { name: /URL shortener/ }).waitFor();
    await admin.screenshot({ path: artifact('admin-calibration-desktop.png'), fullPage: true });
    await admin.setViewportSize(PHONE);
    await expectNoSidewaysScroll(admin);
    await admin.screenshot({ path: artifact('admin-calibration-phone.png'), fullPage: true });
  }, 60_000);
});

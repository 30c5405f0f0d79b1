import { ROOM_EVENTS, SESSION_COOKIE_NAME, type MatchRequest, type Session } from '@mockboard/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import type { SignedUpUser } from '../../../api/test/support/factories';
import { aRectangle, call, connect } from '../../../api/test/support/room-client';
import { DESKTOP } from './members';

/** A browser context signed in as `user` through the session cookie (no sign-in form). */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  user: SignedUpUser,
  timezoneId: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: DESKTOP, timezoneId, locale: 'en-GB' });
  await context.addCookies([{ name: SESSION_COOKIE_NAME, value: user.accessToken, url: baseUrl }]);
  return { context, page: await context.newPage() };
}

/**
 * A session (single-round unless `format` says swap: then ended in round 1) in which `interviewer`
 * interviewed `candidate` on the URL shortener, drew
 * a little on the whiteboard, and ended the interview: the session waits for scores. Paired with
 * "practise now" so it has already started (feedback opens at the start); whoever waited
 * interviews first.
 */
export async function anInterviewThatEnded(
  baseUrl: string,
  interviewer: SignedUpUser,
  candidate: SignedUpUser,
  /** What the interviewer draws before ending it (default: three rectangles). */
  drawing: object[] = [
    aRectangle({ x: 40, y: 40 }),
    aRectangle({ x: 260, y: 40 }),
    aRectangle({ x: 150, y: 180 }),
  ],
  /** What the interviewer writes in the room's private notes first (none by default). */
  notes?: string,
  format: 'single' | 'swap' = 'single',
): Promise<Session> {
  const now = { startsAt: 'now', format, promptPreferences: { promptIds: ['url-shortener'] } };
  await request(baseUrl).post('/api/match-requests').set(interviewer.bearer).send(now).expect(201);
  const paired = await request(baseUrl)
    .post('/api/match-requests')
    .set(candidate.bearer)
    .send(now)
    .expect(201);
  const sessionId = (paired.body as MatchRequest).sessionId!;
  const socket = await connect(baseUrl, interviewer);
  const candidateSocket = await connect(baseUrl, candidate);
  try {
    expect(await call(socket, ROOM_EVENTS.join, { sessionId })).toMatchObject({ role: 'interviewer' });
    // An interview ends only once both have been in the room.
    expect(await call(candidateSocket, ROOM_EVENTS.join, { sessionId })).toMatchObject({ role: 'candidate' });
    await call(socket, ROOM_EVENTS.sceneUpdate, { sessionId, elements: drawing });
    if (notes !== undefined)
      expect(await call(socket, ROOM_EVENTS.notes, { sessionId, round: 1, text: notes })).toMatchObject({
        ok: true,
      });
    expect(await call(socket, ROOM_EVENTS.end, { sessionId })).toMatchObject({ ok: true });
  } finally {
    socket.disconnect();
    candidateSocket.disconnect();
  }
  return (await request(baseUrl).get(`/api/sessions/${sessionId}`).set(candidate.bearer).expect(200))
    .body as Session;
}

/** The rubric dimensions on a scorecard page, in order. */
export function dimensionsOf(page: Page) {
  return page.locator('.score-dimension');
}

/** Rates the round's interviewer on the scorecard page and saves it; the rating form. */
export async function rateInterviewer(page: Page, clarity: number, helpfulness: number) {
  const rating = page.getByRole('form', { name: 'Interviewer rating' });
  await rating
    .getByRole('group', { name: /^Clarity/ })
    .getByRole('radio', { name: String(clarity) })
    .check();
  await rating
    .getByRole('group', { name: /^Helpfulness/ })
    .getByRole('radio', { name: String(helpfulness) })
    .check();
  await rating.getByRole('button', { name: 'Save rating' }).click();
  return rating;
}

/** Chooses `level` for dimensions [from, to) and writes a line of evidence for each. */
export async function scoreDimensions(page: Page, level: number, from: number, to: number): Promise<void> {
  const dimensions = dimensionsOf(page);
  for (let index = from; index < to; index += 1) {
    const dimension = dimensions.nth(index);
    await dimension.getByRole('radio', { name: new RegExp(`^${level} `) }).check();
    await dimension
      .getByRole('textbox', { name: /^Evidence notes/ })
      .fill(`Evidence ${index + 1}: named the trade-off and drew it.`);
  }
}

/** The `name` of the focused element: which field the page moved to. */
export async function focusedName(page: Page): Promise<string | null> {
  // A string, because these tests compile without the DOM's types.
  return (await page.evaluate('document.activeElement && document.activeElement.getAttribute("name")')) as
    string | null;
}

/** Waits until the first image matching `selector` has loaded (the app's CSP forbids waitForFunction). */
export async function imageLoaded(page: Page, selector: string, timeoutMs = 10_000): Promise<void> {
  const check = `(() => { const img = document.querySelector(${JSON.stringify(selector)}); return !!img && img.complete && img.naturalWidth > 0; })()`;
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    if ((await page.evaluate(check)) === true) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`The image ${selector} did not load`);
}

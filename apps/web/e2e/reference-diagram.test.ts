import { rmSync } from 'node:fs';
import { diagramToScene, parseDiagramFile } from '@mockboard/diagrams';
import { signUp } from '../../api/test/support/factories';
import { FIXTURE_DIAGRAM_LABELS, promptsWithADiagram } from '../../api/test/support/diagram-prompts';
import { aLiveSession } from '../../api/test/support/room-client';
import { aPastSession } from '../../api/test/support/scoring-factories';
import type { TestApp } from '../../api/test/support/test-app';
import { artifact, pageLoads } from './support/browser';
import { DESKTOP, PHONE, expectNoSidewaysScroll, memberStage } from './support/members';

const ADMIN_EMAIL = 'reference-admin@example.test';

/** The test hooks the boards put on `window` (these tests compile without the DOM's types). */
type Hooks = {
  __mockboardReference?: () => { type: string; originalText?: string; isDeleted: boolean }[];
  __mockboardPastBoard?: () => { id: string }[];
};

/** Run in the page: the texts of the reference design's scene, or null before it is drawn. */
function referenceTexts(): string[] | null {
  const hook = (globalThis as unknown as Hooks).__mockboardReference;
  if (!hook) return null;
  return hook()
    .filter((element) => element.type === 'text' && !element.isDeleted)
    .map((element) => element.originalText ?? '')
    .sort();
}

function pastBoardSize(): number | null {
  const hook = (globalThis as unknown as Hooks).__mockboardPastBoard;
  return hook ? hook().length : null;
}

const EXPECTED_TEXTS = [...FIXTURE_DIAGRAM_LABELS.nodes, ...FIXTURE_DIAGRAM_LABELS.edges].sort();

/** What the candidate drew in round 1: a smaller design, stored as the round's board. */
async function aCandidateBoard(server: TestApp, sessionId: string): Promise<number> {
  const drawn = parseDiagramFile(
    [
      'nodes:',
      '  - { id: user, label: User, kind: client }',
      '  - { id: app, label: App server, kind: service }',
      '  - { id: db, label: MySQL, kind: store }',
      'edges:',
      '  - { from: user, to: app }',
      '  - { from: app, to: db, label: save link }',
    ].join('\n'),
    'board',
  );
  if (!drawn.ok) throw new Error('the board fixture is invalid');
  const elements = diagramToScene(drawn.diagram).map((element) => ({ ...element, locked: false }));
  for (const element of elements) {
    const json = JSON.stringify(element);
    await server.dataSource.query(
      `INSERT INTO scene_elements (session_id, round, element_id, version, version_nonce, is_deleted, data, bytes, seq)
       VALUES ($1, 1, $2, 1, $3, false, $4::jsonb, $5, 1)`,
      [sessionId, element.id, element.versionNonce, json, Buffer.byteLength(json)],
    );
  }
  return elements.length;
}

describe('the reference design', () => {
  const promptsDir = promptsWithADiagram();
  const stage = memberStage({}, { PROMPTS_DIR: promptsDir, ADMIN_EMAILS: ADMIN_EMAIL });
  afterAll(() => rmSync(promptsDir, { recursive: true, force: true }));

  it("opens in the interviewer's guide on the prompt page, drawn with every label", async () => {
    const admin = await signUp(stage.server.url, { email: ADMIN_EMAIL, displayName: 'Ada Admin' });
    const page = await stage.signedIn(admin);
    await page.goto(`${stage.server.url}/prompts/url-shortener`);
    const toggle = page.getByRole('button', { name: 'Reference design' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.waitForFunction(referenceTexts);
    expect(await page.evaluate(referenceTexts)).toEqual(EXPECTED_TEXTS);
    await page.getByRole('list', { name: 'Legend' }).getByText('Cache').waitFor();
    await page.locator('.reference-board canvas').first().waitFor();
    await page.locator('.reference-design').scrollIntoViewIfNeeded();
    // Fonts and the fit to the box settle in a frame or two.
    await page.waitForTimeout(500);
    await page.locator('.reference-design').screenshot({ path: artifact('reference-design-guide.png') });

    // Too small to read at the fit? Our zoom buttons (Excalidraw shows none in a box this narrow),
    // named apart from the room board's own.
    const zoom = page.getByRole('group', { name: 'Zoom the reference design' });
    const percent = async () => Number((await zoom.getByRole('status').innerText()).replace('%', ''));
    const fitted = await percent();
    expect(fitted).toBeGreaterThan(0);
    await zoom.getByRole('button', { name: 'Zoom in on the reference design' }).click();
    await zoom.getByRole('button', { name: 'Zoom in on the reference design' }).click();
    // The shown percentages are rounded: within a point of 1.25 × 1.25 the fit.
    expect(Math.abs((await percent()) - fitted * 1.25 * 1.25)).toBeLessThanOrEqual(1);
    await zoom.getByRole('button', { name: 'Fit the reference design to its box' }).click();
    await page.waitForFunction(
      (expected) => document.querySelector('.reference-zoom__value')?.textContent === `${expected}%`,
      fitted,
    );
  });

  it("shows the round's interviewer the reference design in the room, and never the candidate", async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben, { promptId: 'url-shortener' });
    const interviewerId = session.rounds.find((round) => round.number === 1)!.interviewerId;
    const [interviewer, candidate] = interviewerId === ada.user.id ? [ada, ben] : [ben, ada];
    const [mine, theirs] = await Promise.all([stage.signedIn(interviewer), stage.signedIn(candidate)]);
    for (const page of [mine, theirs]) {
      await page.goto(`${stage.server.url}/sessions/${session.id}/room`);
      await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    }

    await mine.getByRole('button', { name: 'Reference design' }).click();
    await mine.waitForFunction(referenceTexts);
    expect(await mine.evaluate(referenceTexts)).toEqual(EXPECTED_TEXTS);
    await mine.locator('.reference-board').scrollIntoViewIfNeeded();
    // Its zoom is told apart from the room board's own "Zoom in".
    await mine.getByRole('button', { name: 'Zoom in on the reference design', exact: true }).click();
    await mine.waitForTimeout(500);
    await mine.screenshot({ path: artifact('reference-design-room.png') });
    // The candidate's panel has the statement only.
    await theirs
      .getByRole('heading', { name: /URL shortener/ })
      .first()
      .waitFor();
    expect(await theirs.getByRole('button', { name: 'Reference design' }).count()).toBe(0);
  });

  it('says in the room when the drawing’s code fails to download, and keeps the room (no reload)', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Stays' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Stays' });
    const session = await aLiveSession(stage.server.url, ada, ben, { promptId: 'url-shortener' });
    const interviewerId = session.rounds.find((round) => round.number === 1)!.interviewerId;
    const page = await stage.signedIn(interviewerId === ada.user.id ? ada : ben);
    const roomUrl = `${stage.server.url}/sessions/${session.id}/room`;
    const documents = pageLoads(page);
    // The drawing's code is gone, as for a tab open across a redeploy.
    await page.route(/\/assets\/DiagramBoard-[^/]+\.js$/, (route) => route.fulfill({ status: 404 }));
    await page.goto(roomUrl);
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();

    await page.getByRole('button', { name: 'Reference design' }).click();
    await page.getByRole('heading', { name: 'The drawing could not be shown' }).waitFor();
    await page.getByText('The design as a list').waitFor();
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    expect(documents).toEqual([roomUrl]);
  });

  it('opens beside the final board after the session, side by side on a wide screen and stacked on a phone', async () => {
    const session = await aPastSession(stage.server, {
      status: 'completed',
      prompts: ['url-shortener', 'rate-limiter'],
    });
    const drawn = await aCandidateBoard(stage.server, session.id);

    const page = await stage.signedIn(session.guest, DESKTOP);
    await page.goto(`${stage.server.url}/sessions/${session.id}`);
    await page.getByRole('link', { name: 'Compare with the reference design' }).click();
    await page.waitForFunction(referenceTexts);
    expect(await page.evaluate(referenceTexts)).toEqual(EXPECTED_TEXTS);
    await page.waitForFunction(pastBoardSize);
    expect(await page.evaluate(pastBoardSize)).toBe(drawn);
    const panes = page.locator('.compare__pane');
    const [board, reference] = [await panes.nth(0).boundingBox(), await panes.nth(1).boundingBox()];
    expect(reference!.x).toBeGreaterThan(board!.x + board!.width - 1);
    await page.waitForTimeout(500);
    await page.locator('.compare').screenshot({ path: artifact('reference-design-compare.png') });

    // Round 2 compares with its own prompt's design (the shipped rate limiter's), and its board is
    // the partner's: the guest interviewed in round 2.
    await page.getByRole('heading', { name: 'Your board (round 1, as it ended)' }).waitFor();
    await page.getByRole('radio', { name: /Round 2/ }).check();
    await page.getByRole('heading', { name: 'Your partner’s board (round 2, as it ended)' }).waitFor();
    await page.waitForFunction(() => {
      const hook = (globalThis as unknown as Hooks).__mockboardReference;
      return hook?.().some((element) => element.originalText === 'Backend services') ?? false;
    });

    // The button hides and shows it again, from the keyboard too.
    const toggle = page.getByRole('button', { name: 'Hide the reference design' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Compare with the reference design' }).waitFor();

    const phone = await stage.signedIn(session.host, PHONE);
    await phone.goto(`${stage.server.url}/sessions/${session.id}/replay?compare=1`);
    await phone.waitForFunction(referenceTexts);
    const phonePanes = phone.locator('.compare__pane');
    const [top, bottom] = [await phonePanes.nth(0).boundingBox(), await phonePanes.nth(1).boundingBox()];
    expect(bottom!.y).toBeGreaterThan(top!.y + top!.height - 1);
    await expectNoSidewaysScroll(phone);
    await phone.locator('.compare').screenshot({ path: artifact('reference-design-compare-phone.png') });
  });

  it('is not offered while the session is on', async () => {
    const session = await aPastSession(stage.server, { status: 'live' });
    const page = await stage.signedIn(session.guest);
    const sessionLoaded = page.waitForResponse((response) =>
      response.url().endsWith(`/api/sessions/${session.id}`),
    );
    await page.goto(`${stage.server.url}/sessions/${session.id}/replay`);
    await page.getByRole('heading', { name: 'Whiteboard replay' }).waitFor();
    expect((await sessionLoaded).status()).toBe(200);
    // A render after the response: React has drawn what the session allows.
    await page.waitForTimeout(300);
    expect(await page.getByRole('button', { name: 'Compare with the reference design' }).count()).toBe(0);
  });
});

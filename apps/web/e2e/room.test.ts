import type { Page, Response } from 'playwright-core';
import request from 'supertest';
import { ROOM_ROUTING_PARAM } from '@mockboard/collab';
import type { ReplayResponse, Session } from '@mockboard/contracts';
import { signUp, type SignedUpUser } from '../../api/test/support/factories';
import { aLiveSession, waitFor } from '../../api/test/support/room-client';
import { eventually } from '../../api/test/support/scene-watcher';
import { artifact, pageLoads, socketIoLine } from './support/browser';
import { DESKTOP, expectNoSidewaysScroll, memberStage, PHONE } from './support/members';

/** The test hook the whiteboard puts on `window` (these tests compile without the DOM's types). */
type SceneHook = { __mockboardScene?: () => { type: string }[] };

/** Run in the page: the types of the live elements on its whiteboard, or null before it is ready. */
function sceneTypes(): string[] | null {
  const hook = (globalThis as unknown as SceneHook).__mockboardScene;
  return hook ? hook().map((element) => element.type) : null;
}

/**
 * Polls the page's whiteboard until `accept` holds. (A function for page.evaluate, never a string:
 * the app's CSP has no 'unsafe-eval', so waitForFunction with an expression would be refused.)
 */
async function waitForScene(page: Page, accept: (types: string[] | null) => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const types = await page.evaluate(sceneTypes);
    if (accept(types)) return;
    if (Date.now() > deadline)
      throw new Error(`The whiteboard never matched; it holds ${JSON.stringify(types)}`);
    await page.waitForTimeout(100);
  }
}
const boardReady = (types: string[] | null) => types !== null;
const hasRectangle = (types: string[] | null) => types?.includes('rectangle') ?? false;
const isEmpty = (types: string[] | null) => types?.length === 0;

/** What a page's presence watcher (watchPresenceList) has seen so far. */
type PresenceSeenHook = { __presenceSeen?: string[] };

/**
 * Run in the page: from now on, notes every text the room's list of people shows (each person's
 * hidden ", online" or ", offline" included), as it changes, so a flicker between two checks of a
 * test is seen too. The DOM is reached through globalThis: these tests compile without its types.
 */
function watchPresenceList(): void {
  type Node = { textContent: string | null };
  const page = globalThis as unknown as PresenceSeenHook & {
    document: { body: Node; querySelector(selector: string): Node | null };
    MutationObserver: new (changed: () => void) => { observe(target: Node, options: object): void };
  };
  const seen: string[] = [];
  page.__presenceSeen = seen;
  // The whole page is watched: the list may be rendered anew, e.g. when the room joins again.
  const note = () => {
    const text = page.document.querySelector('[aria-label="People in this session"]')?.textContent ?? '';
    if (text !== seen.at(-1)) seen.push(text);
  };
  note();
  new page.MutationObserver(note).observe(page.document.body, {
    childList: true,
    subtree: true,
    characterData: true,
  });
}

/** Run in the page: what watchPresenceList has seen. */
function presenceListSeen(): string[] {
  return (globalThis as unknown as PresenceSeenHook).__presenceSeen ?? [];
}

type PastBoardHook = { __mockboardPastBoard?: () => { type: string }[] };

/** Run in the page: the types on the earlier round's board it shows, or null when none is open. */
function pastBoardTypes(): string[] | null {
  const hook = (globalThis as unknown as PastBoardHook).__mockboardPastBoard;
  return hook ? hook().map((element) => element.type) : null;
}

/** Picks the rectangle tool from the keyboard and drags one out on the page's board. */
async function drawRectangle(page: Page): Promise<void> {
  const canvas = page.locator('canvas.excalidraw__canvas.interactive');
  const box = (await canvas.boundingBox())!;
  const from = { x: box.x + box.width * 0.3, y: box.y + box.height * 0.3 };
  await page.mouse.click(from.x - 40, from.y - 40);
  await page.keyboard.press('r');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 220, from.y + 140, { steps: 12 });
  await page.mouse.up();
}

type View = { scrollX: number; scrollY: number; zoom: number; width: number; height: number };
type ViewHook = { __mockboardView?: () => View };

/** Run in the page: what its whiteboard shows, or null before it is ready. */
function boardView(): View | null {
  return (globalThis as unknown as ViewHook).__mockboardView?.() ?? null;
}

/** The board point in the middle of a screen (Excalidraw: screen x = (board x + scrollX) × zoom). */
const middleOf = (view: View) => ({
  x: view.width / 2 / view.zoom - view.scrollX,
  y: view.height / 2 / view.zoom - view.scrollY,
});
const sameMiddle = (a: View, b: View) =>
  Math.abs(middleOf(a).x - middleOf(b).x) < 1 && Math.abs(middleOf(a).y - middleOf(b).y) < 1;

async function waitForView(page: Page, accept: (view: View) => boolean): Promise<View> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const view = await page.evaluate(boardView);
    if (view && accept(view)) return view;
    if (Date.now() > deadline) throw new Error(`The view never matched; it is ${JSON.stringify(view)}`);
    await page.waitForTimeout(100);
  }
}

/** The page's view once it has stopped changing (a scroll or a zoom animates for a moment). */
async function waitForSettledView(page: Page): Promise<View> {
  let previous = JSON.stringify(await page.evaluate(boardView));
  return waitForView(page, (view) => {
    const now = JSON.stringify(view);
    const settled = now === previous;
    previous = now;
    return settled;
  });
}

interface ScriptServed {
  url: string;
  /** Its size once decoded. */
  bytes: number;
  /** The encodings the browser offered, and the one the server sent ('none' for the file as built). */
  offered: string;
  sent: string;
}

/** Records how each of the app's scripts reaches `page`, until the returned function reads them. */
function watchScripts(page: Page): () => Promise<ScriptServed[]> {
  const served: Promise<ScriptServed>[] = [];
  const record = (response: Response) => {
    if (!/\/assets\/[^/]+\.js$/.test(response.url())) return;
    const read = Promise.all([response.request().allHeaders(), response.allHeaders(), response.body()]);
    served.push(
      read.then(([sent, received, body]) => ({
        url: response.url(),
        bytes: body.length,
        offered: sent['accept-encoding'] ?? '',
        sent: received['content-encoding'] ?? 'none',
      })),
    );
  };
  page.on('response', record);
  return () => {
    page.off('response', record);
    return Promise.all(served);
  };
}

/** The room page's code in the web build (a chunk loaded when the room is first opened). */
const ROOM_CHUNK = /\/assets\/RoomPage-[^/]+\.js$/;
/** socket.io's frame answering a scene:update once stored: an ack (`43<id>`) of `{ ok: true, version }`. */
const SCENE_UPDATE_ACK = /^43\d+\[\{"ok":true,"version":/;
/** The room's socket.io connections: each names its session for the proxy. */
const ROOM_SOCKET = new RegExp(`[?&]${ROOM_ROUTING_PARAM}=`);

describe('the live room in two browsers', () => {
  const stage = memberStage();
  /** Every request a page made that did not go to our own server (fonts from a CDN, …). */
  const offOrigin: string[] = [];
  const cspViolations: string[] = [];
  /** Excalidraw's fonts, which must come from our own origin. */
  const fontsServed: string[] = [];

  /** A page signed in as `user`, watched for requests that leave our origin and CSP violations. */
  async function signedIn(user: SignedUpUser, viewport = DESKTOP): Promise<Page> {
    const page = await stage.signedIn(user, viewport);
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    page.on('response', (response) => {
      if (response.url().startsWith(`${stage.server.url}/fonts/`) && response.ok())
        fontsServed.push(response.url());
    });
    page.on('request', (sent) => {
      const url = sent.url();
      if (!url.startsWith(stage.server.url) && !/^(data|blob):/.test(url)) offOrigin.push(url);
    });
    return page;
  }

  async function aSoloSession(user: SignedUpUser): Promise<Session> {
    const response = await request(stage.server.url)
      .post('/api/sessions/solo')
      .set(user.bearer)
      .send({ promptId: 'url-shortener' })
      .expect(201);
    return response.body as Session;
  }

  /** A solo room's signed-in tab, not opened yet, and the page loads it makes from now on. */
  async function aSoloRoomTab(displayName: string) {
    const solo = await signUp(stage.server.url, { displayName });
    const session = await aSoloSession(solo);
    const page = await signedIn(solo);
    return { page, roomUrl: `${stage.server.url}/sessions/${session.id}/room`, documents: pageLoads(page) };
  }

  /** Closes `page` as its person would close the tab, and says which question it asked (then stays). */
  async function askedBeforeClosing(page: Page): Promise<string> {
    const asked = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    const dialog = await asked;
    const type = dialog.type();
    await dialog.dismiss();
    return type;
  }

  /** Closes `page` as its person would close the tab, expecting no question first. */
  async function closesWithoutAsking(page: Page): Promise<void> {
    const questions: string[] = [];
    page.on('dialog', (dialog) => {
      questions.push(dialog.type());
      void dialog.accept();
    });
    const closed = page.waitForEvent('close');
    await page.close({ runBeforeUnload: true });
    await closed;
    expect(questions).toEqual([]);
  }

  /** Polls the element types the session's replay holds until `accept` holds. */
  async function waitForStored(user: SignedUpUser, session: Session, accept: (types: string[]) => boolean) {
    let types: string[] = [];
    const stored = await eventually(async () => {
      const replay = await request(stage.server.url)
        .get(`/api/sessions/${session.id}/replay`)
        .set(user.bearer)
        .expect(200);
      types = (replay.body as ReplayResponse).entries.flatMap((entry) =>
        entry.element ? [entry.element.type] : [],
      );
      return accept(types);
    }, 20_000);
    if (!stored) throw new Error(`The replay never matched; it holds ${JSON.stringify(types)}`);
  }

  async function openRoom(page: Page, session: Session): Promise<void> {
    await page.goto(`${stage.server.url}/sessions/${session.id}/room`);
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await waitForScene(page, boardReady);
  }

  it('shows what one peer draws on the other’s whiteboard, with both online, then replays it', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben);
    const [a, b] = await Promise.all([signedIn(ada), signedIn(ben)]);
    const scriptsTo = watchScripts(a);
    await Promise.all([openRoom(a, session), openRoom(b, session)]);
    // The room's scripts (Excalidraw's among them) came as the build compressed them, in brotli
    // (Chromium offers it to localhost, as to HTTPS); the build leaves those under 1 KiB as they are.
    const scripts = await scriptsTo();
    expect(scripts.some(({ url }) => /\/assets\/excalidraw-[^/]+\.js$/.test(url))).toBe(true);
    for (const { url, bytes, offered, sent } of scripts) {
      expect(offered).toMatch(/\bbr\b/);
      expect({ url, sent }).toEqual({ url, sent: bytes < 1024 ? 'none' : 'br' });
    }

    // Roles, prompt view and presence as each of them sees it.
    await a.getByText('You interview').waitFor();
    await b.getByText('You are the candidate').waitFor();
    await a.getByRole('heading', { name: 'Interviewer’s guide' }).waitFor();
    expect(await b.getByText('Interviewer only').count()).toBe(0);
    await a.getByRole('list', { name: 'People in this session' }).getByText('Ben Guest, online').waitFor();
    await b.getByRole('list', { name: 'People in this session' }).getByText('Ada Host, online').waitFor();

    // Ada picks the rectangle tool from the keyboard and drags one out on the canvas.
    const canvas = a.locator('canvas.excalidraw__canvas.interactive');
    const box = (await canvas.boundingBox())!;
    const from = { x: box.x + box.width * 0.3, y: box.y + box.height * 0.3 };
    await a.mouse.click(from.x - 40, from.y - 40);
    await a.keyboard.press('r');
    await a.mouse.move(from.x, from.y);
    await a.mouse.down();
    await a.mouse.move(from.x + 220, from.y + 140, { steps: 12 });
    await a.mouse.up();
    await waitForScene(a, hasRectangle);

    await waitForScene(b, hasRectangle);
    expect(await b.evaluate(sceneTypes)).toEqual(['rectangle']);
    // A label, in Excalidraw's hand-drawn font: the font comes from our server, and Ben sees the text.
    await a.keyboard.press('t');
    await a.mouse.click(from.x + 20, from.y + 200);
    await a.keyboard.type('API servers');
    await a.keyboard.press('Escape');
    await waitForScene(b, (types) => types?.includes('text') ?? false);
    // Ada's browser fetches the font as it draws the label, while the label already travels to Ben:
    // on a busy machine Ben may see it first (CI did once).
    await waitFor(() => fontsServed.some((url) => url.includes('/fonts/Excalifont/')), 10_000);

    // Ada's cursor shows on Ben's board once she moves it.
    await a.mouse.move(from.x + 300, from.y + 60, { steps: 5 });
    await b.locator('.remote-cursor', { hasText: 'Ada Host' }).waitFor();

    // The interviewer keeps private notes; they are saved as she types.
    await a.getByRole('textbox', { name: 'Your private notes' }).fill('Clarified read/write ratio early.');
    await a.getByText('Saved', { exact: true }).waitFor();

    await a.screenshot({ path: artifact('room-a.png') });
    await b.screenshot({ path: artifact('room-b.png') });

    // The interviewer moves the clock on; both clocks show the new phase.
    await a.getByRole('button', { name: /^Next: / }).click();
    await b.getByText(/Round 1 · Estimation/).waitFor();

    const replay = await request(stage.server.url)
      .get(`/api/sessions/${session.id}/replay`)
      .set(ben.bearer)
      .expect(200);
    const entries = (replay.body as ReplayResponse).entries;
    expect(entries.some((entry) => entry.element?.type === 'rectangle')).toBe(true);
    expect(entries.some((entry) => entry.kind === 'phase')).toBe(true);

    await b.goto(`${stage.server.url}/sessions/${session.id}/replay`);
    await b.getByRole('heading', { level: 1, name: 'Whiteboard replay' }).waitFor();
    await b.getByRole('slider', { name: 'Replay position' }).waitFor();
    await waitForScene(b, hasRectangle);
    await b.getByRole('button', { name: /Estimation$/ }).waitFor();
    await b.screenshot({ path: artifact('replay.png'), fullPage: true });

    // Scrubbing to the start shows the empty board, the end the finished drawing.
    await b.getByRole('slider', { name: 'Replay position' }).focus();
    await b.keyboard.press('Home');
    await waitForScene(b, isEmpty);
    await b.keyboard.press('End');
    await waitForScene(b, hasRectangle);

    // On a phone the prompt starts folded away, leaving the screen to the whiteboard.
    const phone = await signedIn(ben, PHONE);
    await openRoom(phone, session);
    await waitForScene(phone, hasRectangle);
    await expectNoSidewaysScroll(phone);
    // Two rows of bar (the title with who is there, then the controls), leaving the screen to the
    // board; the Prompt button in view, not scrolled away.
    const bar = (await phone.locator('.room-bar').boundingBox())!;
    const prompt = (await phone.getByRole('button', { name: 'Prompt' }).boundingBox())!;
    expect(bar.height).toBeLessThan(PHONE.height / 7);
    expect(prompt.x + prompt.width).toBeLessThanOrEqual(PHONE.width);
    await phone.screenshot({ path: artifact('room-b-phone.png') });
    await phone.getByRole('button', { name: 'Prompt' }).click();
    await phone.getByRole('heading', { level: 2, name: 'Design a URL shortener' }).waitFor();
    await phone.screenshot({ path: artifact('room-b-phone-prompt.png') });

    expect(offOrigin).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it('swaps the roles for round 2, then ends the interview for both', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben);
    // Round 2 is Ben's to interview: he picks its prompt.
    await request(stage.server.url)
      .put(`/api/sessions/${session.id}/rounds/2/prompt`)
      .set(ben.bearer)
      .send({ promptId: 'chat-app' })
      .expect(200);
    const [a, b] = await Promise.all([signedIn(ada), signedIn(ben)]);
    await Promise.all([openRoom(a, session), openRoom(b, session)]);
    // Round 1's design, on round 1's board.
    await drawRectangle(a);
    await waitForScene(b, hasRectangle);
    expect(await a.getByRole('button', { name: 'Round 1 board' }).count()).toBe(0);

    // Only the round's interviewer swaps and ends: Ben, the candidate, has neither button.
    await a.getByRole('button', { name: 'Swap roles' }).waitFor();
    expect(await b.getByRole('button', { name: 'Swap roles' }).count()).toBe(0);
    expect(await b.getByRole('button', { name: 'End interview' }).count()).toBe(0);
    // Neither sees the other leave while both join round 2 (the last round's client waits for it).
    await Promise.all([a.evaluate(watchPresenceList), b.evaluate(watchPresenceList)]);
    // Ending in round 1 would skip round 2: the confirmation says so, and where to go instead.
    await a.getByRole('button', { name: 'End interview' }).click();
    const endDialog = a.getByRole('dialog', { name: 'End the interview?' });
    await endDialog.getByText(/Round 2, in which Ben Guest interviews you, will not take place/).waitFor();
    await endDialog.getByRole('button', { name: 'Cancel' }).click();
    await endDialog.waitFor({ state: 'detached' });
    await a.getByRole('button', { name: 'Swap roles' }).click();
    const swapDialog = a.getByRole('dialog', { name: 'Swap roles?' });
    await swapDialog.getByRole('button', { name: 'Swap roles' }).click();
    // The swap's answer is read although the new round makes the page join again: the dialog
    // closes on its own, and no error about a dropped connection is left behind.
    await swapDialog.waitFor({ state: 'detached' });
    // Both rejoin for round 2: Ben now interviews, with the guide and his own notes; Ada is the candidate.
    await b.getByText('You interview').waitFor();
    await b.getByRole('textbox', { name: 'Your private notes' }).waitFor();
    await a.getByText('You are the candidate').waitFor();
    await a.getByRole('heading', { level: 1, name: /chat/i }).waitFor();
    await a.getByText(/^Round 2 · /).waitFor();
    expect(await a.getByText('Interviewer only').count()).toBe(0);
    expect(await a.getByRole('button', { name: 'Swap roles' }).count()).toBe(0);
    expect(await a.getByRole('button', { name: 'End interview' }).count()).toBe(0);
    await a.getByText('Ben Guest, online').waitFor();
    await b.getByText('Ada Host, online').waitFor();
    expect(
      (await a.evaluate(presenceListSeen)).filter((text) => text.includes('Ben Guest, offline')),
    ).toEqual([]);
    expect((await b.evaluate(presenceListSeen)).filter((text) => text.includes('Ada Host, offline'))).toEqual(
      [],
    );

    // Round 2 starts on a board of its own, for both; round 1's stays there to look back at.
    await waitForScene(a, isEmpty);
    await waitForScene(b, isEmpty);
    await b.getByRole('button', { name: 'Round 1 board' }).click();
    const pastBoard = b.getByRole('dialog', { name: 'Round 1 board' });
    await pastBoard.waitFor();
    const deadline = Date.now() + 10_000;
    while (!(await b.evaluate(pastBoardTypes))?.includes('rectangle')) {
      if (Date.now() > deadline) throw new Error('Round 1’s board never showed its rectangle');
      await b.waitForTimeout(100);
    }
    await b.screenshot({ path: artifact('room-round-1-board.png') });
    await pastBoard.getByRole('button', { name: 'Back to round 2' }).click();
    await pastBoard.waitFor({ state: 'detached' });
    // Ben draws round 2's design: it stays on round 2's board.
    await drawRectangle(b);
    await waitForScene(a, hasRectangle);
    expect(await a.evaluate(sceneTypes)).toEqual(['rectangle']);

    await b.getByRole('button', { name: 'End interview' }).click();
    await b
      .getByRole('dialog', { name: 'End the interview?' })
      .getByRole('button', { name: 'End interview' })
      .click();
    await b.waitForURL(`${stage.server.url}/sessions/${session.id}`);
    await a.getByRole('dialog', { name: 'The interview has ended' }).waitFor();
    // The swapper never saw the swap fail, and once ended the clock stops and nothing is offered.
    expect(await a.getByText(/connection dropped/i).count()).toBe(0);
    await a.getByText('Ended', { exact: true }).waitFor();
    expect(await a.getByText(/ (left|over|in)$/).count()).toBe(0);
    for (const name of ['Swap roles', 'End interview', /^Next: /]) {
      expect(await a.getByRole('button', { name }).count()).toBe(0);
    }
    // On a phone the ended room still fits the screen, its dialog whole.
    await a.setViewportSize(PHONE);
    await expectNoSidewaysScroll(a);
    await a.screenshot({ path: artifact('room-ended-phone.png') });
    await a.setViewportSize(DESKTOP);

    // The replay marks the round and shows each round's own board on either side of the marker.
    await a.goto(`${stage.server.url}/sessions/${session.id}/replay`);
    await a.getByText('Round 2 board ·').waitFor();
    await waitForScene(a, (types) => types?.length === 1 && types[0] === 'rectangle');
    await a
      .getByRole('list', { name: 'Phase changes' })
      .getByRole('button', { name: /Round 2: / })
      .click();
    await waitForScene(a, isEmpty);
    await a.getByRole('slider', { name: 'Replay position' }).press('Home');
    await a.getByRole('slider', { name: 'Replay position' }).press('ArrowRight');
    await a.getByText('Round 1 board ·').waitFor();
    await waitForScene(a, hasRectangle);
  });

  it('follows what the partner’s screen shows: the same middle of the board, at the same zoom', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben);
    const [a, b] = await Promise.all([signedIn(ada), signedIn(ben, { width: 1024, height: 700 })]);
    await Promise.all([openRoom(a, session), openRoom(b, session)]);

    await b.getByRole('button', { name: 'Follow Ada Host' }).click();
    await b.getByRole('button', { name: 'Following Ada Host' }).waitFor();
    // Ada scrolls away and zooms in; Ben's board must come along.
    const canvas = a.locator('canvas.interactive');
    const box = (await canvas.boundingBox())!;
    await a.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await a.mouse.wheel(300, 900);
    await a.getByRole('button', { name: 'Zoom in' }).click();
    await a.getByRole('button', { name: 'Zoom in' }).click();

    const adaView = await waitForSettledView(a);
    expect(adaView.zoom).toBeGreaterThan(1);
    await waitForView(b, (benView) => sameMiddle(benView, adaView) && benView.zoom === adaView.zoom);
    await b.screenshot({ path: artifact('room-follow-b.png') });
  });

  it('gives a solo session the same room: no partner, and the candidate moves the clock on', async () => {
    const solo = await signUp(stage.server.url, { displayName: 'Sol Alone' });
    const session = await aSoloSession(solo);
    const page = await signedIn(solo);
    await openRoom(page, session);

    await page.getByText('Solo practice').waitFor();
    expect(await page.getByRole('button', { name: /^Follow/ }).count()).toBe(0);
    await page.getByRole('button', { name: /^Next: / }).click();
    await page.getByText(/^Round 1 · Estimation/).waitFor();
  });

  it('keeps the keyboard’s place: Next phase after phase, Hide panel, and End’s dialog opens on Cancel', async () => {
    const solo = await signUp(stage.server.url, { displayName: 'Kay Board' });
    const page = await signedIn(solo);
    await openRoom(page, await aSoloSession(solo));
    const focused = () => page.evaluate('document.activeElement?.textContent?.trim() ?? null');

    const next = page.getByRole('button', { name: /^Next: / });
    await next.focus();
    for (let step = 0; step < 2; step += 1) {
      const label = (await next.textContent())!;
      const phase = label.replace(/^Next: /, '').replace(/ →$/, '');
      await page.keyboard.press('Enter');
      await page.getByText(new RegExp(`^Round 1 · ${phase}`)).waitFor();
      // The same button, now for the phase after: the keyboard is still on it.
      await page.waitForFunction(`document.activeElement?.textContent !== ${JSON.stringify(label)}`);
      expect(await focused()).toMatch(/^Next: /);
    }

    await page.getByRole('button', { name: 'Hide panel' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.getByRole('button', { name: /^Prompt/ }).getAttribute('aria-expanded')).toBe('false');
    expect(await focused()).toMatch(/^Prompt/);

    await page.getByRole('button', { name: 'End interview' }).click();
    await page.getByRole('dialog').waitFor();
    expect(await focused()).toBe('Cancel');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('reloads by itself once when the room’s code fails to download, as in a tab open across a redeploy', async () => {
    const { page, roomUrl, documents } = await aSoloRoomTab('Sol Once');
    // On the first load the room's chunk is gone, as the server answers for a previous build's files;
    // the reload that follows gets it.
    await page.route(ROOM_CHUNK, (route) =>
      documents.length === 1 ? route.fulfill({ status: 404 }) : route.continue(),
    );

    await page.goto(roomUrl);
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    expect(documents).toEqual([roomUrl, roomUrl]);
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('offers a reload when the room’s code fails to download again right after reloading', async () => {
    const { page, roomUrl, documents } = await aSoloRoomTab('Sol Alone');
    // The room's chunk stays gone: the tab reloads once by itself, then says so.
    await page.route(ROOM_CHUNK, (route) => route.fulfill({ status: 404 }));

    await page.goto(roomUrl);
    await page.getByRole('alert').getByRole('heading', { name: 'This screen could not be shown' }).waitFor();
    expect(documents).toEqual([roomUrl, roomUrl]);
    // The reload loads the build the server has now.
    await page.unroute(ROOM_CHUNK);
    await page.getByRole('button', { name: 'Reload the page' }).click();
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  });

  it('keeps what was left unsaved in the room: the notes’ last save, and strokes drawn while the connection was down', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben);
    const page = await signedIn(ada);
    const line = await socketIoLine(page);
    const notes = page.getByRole('textbox', { name: 'Your private notes' });
    const sessionUrl = `${stage.server.url}/sessions/${session.id}`;
    /** Into the room from the session page, within the app (no page load to end its background work). */
    const enterRoom = async () => {
      await page.getByRole('link', { name: 'Enter the room' }).click();
      await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
      await waitForScene(page, boardReady);
    };

    await openRoom(page, session);
    await page.getByRole('link', { name: 'Session', exact: true }).click();
    await page.waitForURL(sessionUrl);
    await enterRoom();

    // Notes typed just before the browser's Back button: nothing blurs the field, so their save,
    // still waiting for a pause in the typing, is sent as the page unmounts.
    await notes.fill('Asked about the read/write ratio.');
    await page.goBack();
    await page.waitForURL(sessionUrl);
    await line.closed(ROOM_SOCKET);
    await enterRoom();
    expect(await notes.inputValue()).toBe('Asked about the read/write ratio.');

    // The connection drops; a stroke waits for it, and closing the tab asks first.
    await line.cut(ROOM_SOCKET);
    await page.getByRole('status').filter({ hasText: 'Reconnecting' }).waitFor();
    await drawRectangle(page);
    await page.getByRole('status').filter({ hasText: '1 change waiting to be sent' }).waitFor();
    expect(await askedBeforeClosing(page)).toBe('beforeunload');

    // Leaving for the session page asks nothing, and the page still asks before closing while the
    // stroke waits; once the connection is back it is stored, and the room's connection closes.
    await page.getByRole('link', { name: 'Session', exact: true }).click();
    await page.waitForURL(sessionUrl);
    expect(await askedBeforeClosing(page)).toBe('beforeunload');
    await line.restore();
    await waitForStored(ada, session, (types) => types.includes('rectangle'));
    await line.closed(ROOM_SOCKET);
    await enterRoom();
    await waitForScene(page, hasRectangle);
    await closesWithoutAsking(page);
  });

  it('keeps the interviewer’s notes the same in two tabs: neither saves over what the other stored', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben);
    const [first, second] = await Promise.all([signedIn(ada), signedIn(ada)]);
    const secondLine = await socketIoLine(second);
    await Promise.all([openRoom(first, session), openRoom(second, session)]);
    const notesIn = (page: Page) => page.getByRole('textbox', { name: 'Your private notes' });
    const savedIn = (page: Page) => page.getByRole('status').filter({ hasText: /^Saved$/ });
    /** Shows `text` as saved: by this tab (`here`) or by the other. */
    const showsNotes = async (page: Page, text: string, savedBy: 'here' | 'other tab') => {
      await eventually(async () => (await notesIn(page).inputValue()) === text, 10_000);
      expect(await notesIn(page).inputValue()).toBe(text);
      if (savedBy === 'here') await savedIn(page).waitFor();
      else await page.getByRole('status').filter({ hasText: 'Saved from your other tab' }).waitFor();
    };

    await notesIn(first).fill('Asked about the read/write ratio.');
    await showsNotes(second, 'Asked about the read/write ratio.', 'other tab');

    // The second tab goes on from what the first stored, and the first shows that in turn.
    await notesIn(second).press('End');
    await notesIn(second).pressSequentially(' Then a queue for writes.');
    await showsNotes(first, 'Asked about the read/write ratio. Then a queue for writes.', 'other tab');
    await showsNotes(second, 'Asked about the read/write ratio. Then a queue for writes.', 'here');

    // A save made while the second tab's connection was down: its re-join brings it.
    await secondLine.cut(ROOM_SOCKET);
    await second.getByRole('status').filter({ hasText: 'Reconnecting' }).waitFor();
    await notesIn(first).fill('Rate limiter: token bucket per user.');
    await savedIn(first).waitFor();
    await secondLine.restore();
    await showsNotes(second, 'Rate limiter: token bucket per user.', 'other tab');

    await first.reload();
    await showsNotes(first, 'Rate limiter: token bucket per user.', 'here');
  });

  it('lets the interviewer choose the prompt in the room when none was booked, and both see it at once', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben, { promptId: undefined });
    // Ben is asked the rate limiter in another session, later today.
    const later = new Date(Date.parse(session.startsAt) + 3 * 3_600_000).toISOString();
    const other = await signUp(stage.server.url, { displayName: 'Other Host' });
    await aLiveSession(stage.server.url, other, ben, { startsAt: later, promptId: 'rate-limiter' });
    const [a, b] = await Promise.all([signedIn(ada), signedIn(ben)]);
    const benLine = await socketIoLine(b);
    await Promise.all([openRoom(a, session), openRoom(b, session)]);
    await a.getByRole('heading', { name: 'Interview room', level: 1 }).waitFor();
    await b.getByText(/wait for the interviewer to pick one/).waitFor();
    // Only the interviewer is offered the choice, and no clock plan runs without a prompt.
    expect(await b.getByRole('button', { name: 'Use this prompt' }).count()).toBe(0);
    expect(await a.locator('.phase-timer__track').isHidden()).toBe(true);

    // What is drawn and noted before the choice stays through it.
    await drawRectangle(b);
    await waitForScene(a, hasRectangle);
    const notes = a.getByRole('textbox', { name: 'Your private notes' });
    await notes.fill('Ben sketched a box before we had a prompt.');
    await a
      .getByRole('status')
      .filter({ hasText: /^Saved$/ })
      .waitFor();

    const panel = a.getByRole('complementary', { name: 'Prompt, notes and chat' });
    await panel.getByRole('heading', { name: 'No prompt yet' }).waitFor();
    await a.screenshot({ path: artifact('room-choose-prompt.png') });
    // Ben has folded the panel away; his connection is down as Ada chooses: the news is lost to
    // him, his re-join brings it.
    await b.getByRole('button', { name: 'Hide panel' }).click();
    await benLine.cut(ROOM_SOCKET);
    await b.getByRole('status').filter({ hasText: 'Reconnecting' }).waitFor();
    // What Ben was asked before is marked, and cannot be picked.
    const asked = panel.getByLabel('Choose the prompt').locator('option[value="rate-limiter"]');
    await eventually(async () => (await asked.textContent())?.includes('asked it before') ?? false, 10_000);
    expect(await asked.isDisabled()).toBe(true);
    await panel.getByLabel('Choose the prompt').selectOption('chat-app');
    await panel.getByRole('button', { name: 'Use this prompt' }).click();

    const title = 'Design a team chat application';
    await a.getByRole('heading', { name: title, level: 1 }).waitFor();
    await benLine.restore();
    await b.getByRole('heading', { name: title, level: 1 }).waitFor();
    // Said to a screen reader, and marked on the folded panel's button until he opens it.
    await b
      .getByRole('status')
      .filter({ hasText: `The prompt for this round: ${title}` })
      .waitFor();
    const promptButton = b.getByRole('button', { name: /^Prompt/ });
    expect(await promptButton.textContent()).toContain('a prompt was chosen');
    await promptButton.click();
    await eventually(async () => !(await promptButton.textContent())?.includes('a prompt was chosen'), 5_000);
    expect(await promptButton.textContent()).not.toContain('a prompt was chosen');
    // Each sees it as their role may: the guide is the interviewer's alone.
    await panel.getByRole('heading', { name: 'Interviewer’s guide' }).waitFor();
    await b.getByRole('heading', { name: title, level: 2 }).waitFor();
    expect(await b.getByRole('heading', { name: 'Interviewer’s guide' }).count()).toBe(0);
    expect(await panel.getByRole('heading', { name: 'No prompt yet' }).count()).toBe(0);
    await a.locator('.phase-timer__track').waitFor();
    for (const page of [a, b]) await waitForScene(page, hasRectangle);
    expect(await notes.inputValue()).toBe('Ben sketched a box before we had a prompt.');
    await a.screenshot({ path: artifact('room-prompt-chosen.png') });
  });

  it('shows a partner who left the room as gone at once, while their last stroke is still being stored', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben);
    const [a, b] = await Promise.all([signedIn(ada), signedIn(ben)]);
    const benLine = await socketIoLine(b);
    await Promise.all([openRoom(a, session), openRoom(b, session)]);
    const people = a.getByRole('list', { name: 'People in this session' });
    await people.getByText('Ben Guest, online').waitFor();

    // Ben's stroke reaches Ada, but the server's answer to Ben comes late; Ben leaves the room.
    await benLine.holdFromServer(ROOM_SOCKET, SCENE_UPDATE_ACK);
    await drawRectangle(b);
    await waitForScene(a, hasRectangle);
    await b.getByRole('link', { name: 'Session', exact: true }).click();
    await b.waitForURL(`${stage.server.url}/sessions/${session.id}`);

    // Ada sees him gone while his client still waits for that answer; once it comes, his stroke is
    // stored and his room connection closes.
    await people.getByText('Ben Guest, offline').waitFor();
    expect(benLine.isOpen(ROOM_SOCKET)).toBe(true);
    await a.screenshot({ path: artifact('room-partner-left.png') });
    benLine.release();
    await benLine.closed(ROOM_SOCKET);
    await waitForStored(ada, session, (types) => types.includes('rectangle'));
  });

  it('says the strokes are saving while the server is slow to store them', async () => {
    const { page, roomUrl } = await aSoloRoomTab('Sol Slow');
    const line = await socketIoLine(page);
    await page.goto(roomUrl);
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await waitForScene(page, boardReady);

    // The server stores the stroke but its answer comes late, as from a server that fell behind.
    await line.holdFromServer(ROOM_SOCKET, SCENE_UPDATE_ACK);
    await drawRectangle(page);
    const saving = page.getByRole('status').filter({ hasText: 'Saving 1 change…' });
    await saving.waitFor();
    expect(await askedBeforeClosing(page)).toBe('beforeunload');
    await page.screenshot({ path: artifact('room-saving.png') });
    line.release();
    await saving.waitFor({ state: 'detached' });
    // The wait's end is said too, for a moment.
    const saved = page.getByRole('status').filter({ hasText: 'All changes saved' });
    await saved.waitFor();
    await saved.waitFor({ state: 'detached' });
    await closesWithoutAsking(page);
  });

  it('tells a stranger the room is not theirs, in the server’s words', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const stranger = await signUp(stage.server.url, { displayName: 'Sam Stranger' });
    const session = await aLiveSession(stage.server.url, ada, ben);
    const page = await signedIn(stranger);

    await page.goto(`${stage.server.url}/sessions/${session.id}/room`);
    await page.getByRole('heading', { level: 1, name: 'This room is not yours to enter' }).waitFor();
    await page.getByText('You are not a participant of this session').waitFor();
    await page.screenshot({ path: artifact('room-forbidden.png') });

    // An address that names no session at all says so, in words for the person, not the validator's.
    await page.goto(`${stage.server.url}/sessions/not-a-session/room`);
    await page.getByRole('heading', { level: 1, name: 'Session not found' }).waitFor();
    await page.getByText('This address does not lead to a session: check the link you followed.').waitFor();
    expect(await page.getByText(/sessionId/).count()).toBe(0);
  });
});

import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import request from 'supertest';
import type { Session } from '@mockboard/contracts';
import { signUp, type SignedUpUser } from '../../api/test/support/factories';
import { aLiveSession } from '../../api/test/support/room-client';
import { artifact } from './support/browser';
import { DESKTOP, memberStage, PHONE } from './support/members';

type Box = { x: number; y: number; width: number; height: number };

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('The element is not on screen');
  return box;
}

/** Excalidraw's tools in its desktop and phone layouts: menu, shapes, library, zoom, undo, help. */
const EXCALIDRAW_TOOLS =
  '.App-toolbar, .mobile-misc-tools-container, .dropdown-menu-button, .sidebar-trigger, ' +
  '.zoom-actions, .undo-redo-buttons, .help-icon';

/**
 * Run in the page: each element's box in the viewport, as Playwright's boundingBox reads it (an
 * element that is not laid out has an empty one). These tests compile without the DOM's types.
 */
function screenBoxes(elements: unknown[]): Box[] {
  return elements.map((element) => {
    const { x, y, width, height } = (element as { getBoundingClientRect(): Box }).getBoundingClientRect();
    return { x, y, width, height };
  });
}

/**
 * The boxes of the Excalidraw tools that `tile` covers (an empty list when it covers none), or null
 * while no tool is on screen at all, so a board that has not drawn its tools never passes. Read in
 * one go: while Excalidraw swaps layouts, a tool counted a moment before may be gone.
 */
async function toolsUnder(page: Page, tile: Box): Promise<Box[] | null> {
  const shown = (await page.locator(EXCALIDRAW_TOOLS).evaluateAll(screenBoxes)).filter(
    (box) => box.width > 0,
  );
  return shown.length === 0 ? null : shown.filter((box) => overlaps(tile, box));
}

/** The tile lies on the whiteboard and covers none of Excalidraw's tools. */
async function expectClearOfTools(page: Page, tile: Box): Promise<void> {
  expect(inside(tile, await boxOf(page.locator('.whiteboard')))).toBe(true);
  expect(await toolsUnder(page, tile)).toEqual([]);
}

/** Polls `read` until `accept` holds (a page's state settles after a message crossed the network). */
async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} never happened; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Run in the page: the accessible name of the focused element, as far as a test needs it. */
function focusedName(): string {
  const element = (globalThis as unknown as { document: { activeElement: unknown } }).document
    .activeElement as { textContent: string | null; getAttribute(name: string): string | null } | null;
  return (element?.getAttribute('aria-label') ?? element?.textContent ?? '').trim();
}

const ADMIN_EMAIL = `observer-${randomUUID().slice(0, 8)}@example.test`;

type MicrophoneFlag = { __refuseMicrophone?: boolean };

/** Run in the page before the app: getUserMedia refuses audio, as after "Block", while the flag is set. */
function refuseMicrophoneWhileFlagged(): void {
  const page = globalThis as unknown as MicrophoneFlag & {
    navigator: { mediaDevices: { getUserMedia(constraints: { audio?: unknown }): Promise<unknown> } };
    DOMException: new (message: string, name: string) => Error;
  };
  page.__refuseMicrophone = true;
  const devices = page.navigator.mediaDevices;
  const getUserMedia = devices.getUserMedia.bind(devices);
  devices.getUserMedia = (constraints) =>
    constraints.audio && page.__refuseMicrophone
      ? Promise.reject(new page.DOMException('Permission denied', 'NotAllowedError'))
      : getUserMedia(constraints);
}

function allowMicrophone(): void {
  (globalThis as unknown as MicrophoneFlag).__refuseMicrophone = false;
}

type SoundFlag = { __holdBackSound?: boolean };

/** Run in the page before the app: play() on an audio element fails as autoplay policy would. */
function holdBackSoundWhileFlagged(): void {
  const page = globalThis as unknown as SoundFlag & {
    HTMLMediaElement: { prototype: { play(): Promise<void> } };
    HTMLAudioElement: abstract new () => unknown;
    DOMException: new (message: string, name: string) => Error;
  };
  page.__holdBackSound = true;
  const play = page.HTMLMediaElement.prototype.play;
  page.HTMLMediaElement.prototype.play = function (this: unknown) {
    return this instanceof page.HTMLAudioElement && page.__holdBackSound
      ? Promise.reject(new page.DOMException('play() needs a user gesture', 'NotAllowedError'))
      : play.call(this);
  };
}

function allowSound(): void {
  (globalThis as unknown as SoundFlag).__holdBackSound = false;
}

describe('the call’s controls in the room', () => {
  const stage = memberStage({ fakeMedia: true }, { ADMIN_EMAILS: ADMIN_EMAIL });

  async function openRoom(user: SignedUpUser, session: Session): Promise<Page> {
    const page = await stage.signedIn(user);
    await page.goto(`${stage.server.url}/sessions/${session.id}/room`);
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    return page;
  }

  const muteButton = (page: Page) => page.getByRole('button', { name: 'Mute (Alt+M)' });
  const cameraButton = (page: Page) => page.getByRole('button', { name: 'Camera (Alt+C)' });
  const settingsButton = (page: Page) => page.getByRole('button', { name: 'Audio and video settings' });

  it('mutes from the keyboard, picks devices, shows the partner’s camera in a tile clear of the tools', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben);
    const a = await openRoom(ada, session);
    // Before Ben comes, Ada waits for him in words.
    await a.getByText('Waiting for Ben Guest to join the call').waitFor();
    const b = await openRoom(ben, session);
    await a.getByText('Call connected').waitFor();
    await b.getByText('Call connected').waitFor();

    // The controls are reachable with Tab, in the bar's order, each named with its shortcut.
    await a.getByRole('link', { name: 'Session' }).focus();
    const reached: string[] = [];
    for (let step = 0; step < 12 && !reached.includes('Audio and video settings'); step += 1) {
      await a.keyboard.press('Tab');
      reached.push(await a.evaluate(focusedName));
    }
    expect(reached).toEqual(
      expect.arrayContaining(['Mute (Alt+M)', 'Camera (Alt+C)', 'Audio and video settings']),
    );
    expect(await muteButton(a).getAttribute('aria-keyshortcuts')).toBe('Alt+M');

    // Alt+M mutes (matched by the physical key, so it also works where Alt+M types "µ") and Ben is told.
    // What the bar's status takes: words added there push the bar's controls into another row.
    const statusWidth = () =>
      b.evaluate("document.querySelector('.room-bar__status').getBoundingClientRect().width");
    const unmutedStatus = await statusWidth();
    await a.locator('canvas.excalidraw__canvas.interactive').click({ position: { x: 400, y: 400 } });
    await a.keyboard.press('Alt+KeyM');
    expect(await muteButton(a).getAttribute('aria-pressed')).toBe('true');
    await b.getByText('Ada Host is muted').waitFor();
    await b.getByRole('img', { name: 'Ada Host is muted' }).waitFor();
    // Told on the avatar (and to screen readers): the bar keeps its layout, and the board its place.
    expect(await statusWidth()).toBe(unmutedStatus);
    // Muted stays muted through a reload: the microphone does not open behind the person's back.
    await a.reload();
    await a.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await a.getByText('Call connected').waitFor();
    expect(await muteButton(a).getAttribute('aria-pressed')).toBe('true');
    await b.getByRole('img', { name: 'Ada Host is muted' }).waitFor();
    await muteButton(a).click();
    expect(await muteButton(a).getAttribute('aria-pressed')).toBe('false');
    await b.getByText('Ada Host is muted').waitFor({ state: 'detached' });

    // The device picker lists Chromium's fake devices; Escape closes it and focus returns to its button.
    await settingsButton(a).click();
    const microphone = a.getByLabel('Microphone');
    await microphone.waitFor();
    const microphones = await eventually(
      () => microphone.locator('option').allTextContents(),
      (labels) => labels.some((label) => /fake/i.test(label)),
      'the fake microphone in the list',
    );
    expect(microphones.length).toBeGreaterThan(0);
    expect(
      (await a.getByLabel('Camera', { exact: true }).locator('option').allTextContents()).join(),
    ).toMatch(/fake/i);
    await a.keyboard.press('Escape');
    await microphone.waitFor({ state: 'hidden' });
    expect(await a.evaluate(focusedName)).toBe('Audio and video settings');
    // On a phone the button sits at the bar's left: the panel opens within the screen all the same.
    await a.setViewportSize(PHONE);
    await settingsButton(a).click();
    const panel = (await a.getByRole('group', { name: 'Audio and video settings' }).boundingBox())!;
    expect(panel.x).toBeGreaterThanOrEqual(0);
    expect(panel.x + panel.width).toBeLessThanOrEqual(PHONE.width);
    await a.screenshot({ path: artifact('room-call-ui-devices-phone.png') });
    await a.keyboard.press('Escape');
    await a.setViewportSize(DESKTOP);

    // Ben turns his camera on: Ada gets his video in a tile over the board, clear of Excalidraw's tools.
    await cameraButton(b).click();
    await eventually(
      () => cameraButton(b).getAttribute('aria-pressed'),
      (pressed) => pressed === 'true',
      'Ben’s camera turning on',
    );
    const tile = a.getByRole('group', { name: 'Ben Guest’s video' });
    await tile.waitFor();
    await eventually(
      () =>
        tile.locator('video').evaluate((video) => (video as unknown as { videoWidth: number }).videoWidth),
      (width) => width > 0,
      'Ben’s video playing on Ada’s screen',
    );
    const atFirst = await boxOf(tile);
    await expectClearOfTools(a, atFirst);
    // Bottom-right by default: closer to the board's right edge than to its left.
    const board = await boxOf(a.locator('.whiteboard'));
    expect(atFirst.x - board.x).toBeGreaterThan(board.x + board.width - (atFirst.x + atFirst.width));
    await a.screenshot({ path: artifact('room-call-ui-tile.png') });

    // Focused, the tile moves with the arrow keys, 16 px a press.
    await tile.focus();
    for (let press = 0; press < 3; press += 1) await a.keyboard.press('ArrowLeft');
    const moved = await boxOf(tile);
    expect(Math.round(atFirst.x - moved.x)).toBe(48);
    expect(moved.y).toBe(atFirst.y);
    // However far it is pushed up, it stops below the toolbar.
    for (let press = 0; press < 20; press += 1) await a.keyboard.press('Shift+ArrowUp');
    const pushedUp = await boxOf(tile);
    expect(pushedUp.y).toBeLessThan(moved.y);
    await expectClearOfTools(a, pushedUp);

    // It follows the pointer, and a drag past the board's corner leaves it inside, clear of the tools.
    const grab = { x: pushedUp.x + pushedUp.width / 2, y: pushedUp.y + pushedUp.height / 2 };
    await a.mouse.move(grab.x, grab.y);
    await a.mouse.down();
    await a.mouse.move(grab.x - 100, grab.y + 120, { steps: 5 });
    await a.mouse.up();
    const dragged = await boxOf(tile);
    expect(Math.round(dragged.x - pushedUp.x)).toBe(-100);
    expect(Math.round(dragged.y - pushedUp.y)).toBe(120);
    await a.mouse.move(dragged.x + 10, dragged.y + 10);
    await a.mouse.down();
    await a.mouse.move(-200, 2000, { steps: 5 });
    await a.mouse.up();
    await expectClearOfTools(a, await boxOf(tile));

    // On a phone-sized screen Excalidraw moves its tools (shapes at the top, menu at the bottom): the
    // tile moves out of their way.
    await a.getByRole('button', { name: 'Hide panel' }).click();
    await a.setViewportSize(PHONE);
    await eventually(
      async () => toolsUnder(a, await boxOf(tile)),
      (covered) => covered?.length === 0,
      'the tile clearing Excalidraw’s phone layout',
    );
    await a.screenshot({ path: artifact('room-call-ui-tile-phone.png') });
    await a.setViewportSize(DESKTOP);

    // Hidden, it folds into a button that brings it back.
    await tile.getByRole('button', { name: 'Hide video' }).click();
    await a.getByRole('button', { name: 'Show video' }).click();
    await tile.locator('video').first().waitFor();
    await b.screenshot({ path: artifact('room-call-ui-b.png') });
  });

  it('says how to allow a refused microphone and asks for a click to play held-back sound', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben);
    const b = await openRoom(ben, session);
    const a = await stage.signedIn(ada);
    // Ada's browser refuses the microphone until she changes her mind, and plays no sound before a
    // click (its autoplay policy); the test lifts both with flags.
    await a.addInitScript(refuseMicrophoneWhileFlagged);
    await a.addInitScript(holdBackSoundWhileFlagged);
    await a.goto(`${stage.server.url}/sessions/${session.id}/room`);

    const help = a.getByRole('region', { name: 'Mockboard can’t use your microphone' });
    await help.waitFor();
    await help.getByText('site settings icon left of the address bar').waitFor();
    await help.getByText('You can still hear Ben Guest').waitFor();
    expect(await muteButton(a).isDisabled()).toBe(true);
    // Ben hears nothing from her, and is told so; his sound reaches her, held back until she clicks.
    await b.getByText('Ada Host is muted').waitFor();
    const unlock = a.getByRole('button', { name: 'Click to hear Ben Guest' });
    await unlock.waitFor();
    await a.screenshot({ path: artifact('room-call-ui-mic-refused.png') });

    await a.evaluate(allowMicrophone);
    await help.getByRole('button', { name: 'Try again' }).click();
    await help.waitFor({ state: 'detached' });
    expect(await muteButton(a).isEnabled()).toBe(true);
    await b.getByText('Ada Host is muted').waitFor({ state: 'detached' });

    await a.evaluate(allowSound);
    await unlock.click();
    await unlock.waitFor({ state: 'detached' });
  });

  it('shows nothing of the call to an observer, nor in solo practice', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben);
    const a = await openRoom(ada, session);
    await a.getByText('Waiting for Ben Guest to join the call').waitFor();
    const admin = await signUp(stage.server.url, { email: ADMIN_EMAIL, displayName: 'Oda Observer' });
    const watching = await openRoom(admin, session);
    await watching.getByText('You are observing').waitFor();
    expect(await watching.getByRole('group', { name: 'Call' }).count()).toBe(0);
    expect(await watching.getByText(/join the call|Call connected|Connecting call/).count()).toBe(0);
    // Nor does Ada see the observer as a partner joining her call.
    expect(await a.getByText('Waiting for Ben Guest to join the call').count()).toBe(1);

    const solo = await signUp(stage.server.url, { displayName: 'Sol Alone' });
    const practice = await request(stage.server.url)
      .post('/api/sessions/solo')
      .set(solo.bearer)
      .send({ promptId: 'url-shortener' })
      .expect(201);
    const page = await openRoom(solo, practice.body as Session);
    // "Solo practice" shows once the session's kind is known, which is what keeps the call off.
    await page.getByText('Solo practice').waitFor();
    expect(await muteButton(page).count()).toBe(0);
    expect(await page.getByRole('group', { name: 'Call' }).count()).toBe(0);
  });
});

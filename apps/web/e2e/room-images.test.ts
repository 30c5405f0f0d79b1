import type { Page } from 'playwright-core';
import request from 'supertest';
import type { Session } from '@mockboard/contracts';
import { signUp, type SignedUpUser } from '../../api/test/support/factories';
import { aLiveSession } from '../../api/test/support/room-client';
import { artifact } from './support/browser';
import { memberStage } from './support/members';
import { aPng, noise, stripes } from './support/png';

/** The test hooks the whiteboard puts on `window` (these tests compile without the DOM's types). */
type BoardHooks = {
  __mockboardScene?: () => { type: string; fileId?: string | null }[];
  __mockboardFiles?: () => string[];
};

interface BoardImages {
  /** The file ids of the image elements on the board. */
  used: string[];
  /** The ids of the files the board has loaded. */
  loaded: string[];
}

/** Run in the page: the board's images, or null before the board is ready. */
function boardImages(): BoardImages | null {
  const hooks = globalThis as unknown as BoardHooks;
  if (!hooks.__mockboardScene || !hooks.__mockboardFiles) return null;
  const used = hooks
    .__mockboardScene()
    .filter((element) => element.type === 'image' && element.fileId)
    .map((element) => element.fileId!);
  return { used, loaded: [...hooks.__mockboardFiles()] };
}

/** Polls the page's board until `accept` holds (a function for page.evaluate: the CSP has no 'unsafe-eval'). */
async function waitForImages(
  page: Page,
  accept: (images: BoardImages | null) => boolean,
  timeoutMs = 10_000,
): Promise<BoardImages> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const images = await page.evaluate(boardImages);
    if (images && accept(images)) return images;
    if (Date.now() > deadline) throw new Error(`The board's images never matched: ${JSON.stringify(images)}`);
    await page.waitForTimeout(100);
  }
}
const anImageInUse = (images: BoardImages | null) => (images?.used.length ?? 0) > 0;
const everyImageLoaded = (images: BoardImages | null) =>
  anImageInUse(images) && images!.used.every((id) => images!.loaded.includes(id));

describe('images on the live room’s whiteboard', () => {
  const stage = memberStage();
  const cspViolations: string[] = [];

  async function signedIn(user: SignedUpUser): Promise<Page> {
    const page = await stage.signedIn(user);
    // Playwright answers an <input type=file>, not Chromium's own picker (showOpenFilePicker): without
    // it, Excalidraw's file dialog falls back to the input, as in browsers that lack the picker.
    await page.addInitScript(() => {
      const global = globalThis as { showOpenFilePicker?: unknown; Window?: { prototype: object } };
      delete global.showOpenFilePicker;
      if (global.Window)
        delete (global.Window.prototype as { showOpenFilePicker?: unknown }).showOpenFilePicker;
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    return page;
  }

  async function openRoom(page: Page, session: Session): Promise<void> {
    await page.goto(`${stage.server.url}/sessions/${session.id}/room`);
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await waitForImages(page, (images) => images !== null);
  }

  /** Picks Excalidraw's image tool, answers its file chooser with `png`, and places the image. */
  async function insertImage(page: Page, png: Buffer, name: string): Promise<void> {
    const chooser = page.waitForEvent('filechooser');
    // The tool's radio button is drawn over by its icon: a click goes to the label around both.
    await page.locator('label', { has: page.getByTestId('toolbar-image') }).click();
    await (await chooser).setFiles({ name: `${name}.png`, mimeType: 'image/png', buffer: png });
    // The image follows the pointer until a click on the canvas puts it down.
    const canvas = page.locator('canvas.excalidraw__canvas.interactive');
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.4, { steps: 4 });
    await page.mouse.click(box.x + box.width * 0.4, box.y + box.height * 0.4);
  }

  /** The statuses of the page's requests for session files, by method: e.g. ['PUT 204']. */
  function fileRequests(page: Page): string[] {
    const seen: string[] = [];
    page.on('response', (response) => {
      if (/\/api\/sessions\/[^/]+\/files\//.test(response.url()))
        seen.push(`${response.request().method()} ${response.status()}`);
    });
    return seen;
  }

  it('shows the image one peer inserts on the other’s board, though it is stored after it arrives', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben);
    const [a, b] = await Promise.all([signedIn(ada), signedIn(ben)]);
    await Promise.all([openRoom(a, session), openRoom(b, session)]);
    const bensRequests = fileRequests(b);
    // Ada's upload is held back, so the element reaches Ben well before its file is stored.
    await a.route('**/api/sessions/*/files/*', async (route) => {
      if (route.request().method() === 'PUT') await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });

    await insertImage(a, aPng(160, 100, stripes), 'stripes');
    const [fileId] = (await waitForImages(a, everyImageLoaded)).used;

    const bens = await waitForImages(b, everyImageLoaded);
    expect(bens.used).toEqual([fileId]);
    expect(bensRequests).toContain('GET 404');
    expect(bensRequests[bensRequests.length - 1]).toBe('GET 200');
    // Excalidraw draws the image once it has decoded it.
    await b.waitForTimeout(500);
    await b.screenshot({ path: artifact('room-image-b.png') });

    const stored = await request(stage.server.url)
      .get(`/api/sessions/${session.id}/files/${fileId}`)
      .set(ada.bearer)
      .buffer(true)
      .expect(200);
    expect(stored.headers['content-type']).toBe('image/png');
    expect((stored.body as Buffer).subarray(1, 4).toString('ascii')).toBe('PNG');

    // Joining again loads the image from the server (and does not send it back).
    const adasRequests = fileRequests(a);
    await a.reload();
    await a.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    expect((await waitForImages(a, everyImageLoaded)).used).toEqual([fileId]);
    // A click makes Excalidraw report a change: a file the board fetched is not uploaded again.
    await a.mouse.click(10, 400);
    await a.waitForTimeout(500);
    expect(adasRequests).toEqual(['GET 200']);

    // The replay shows the image too.
    await b.goto(`${stage.server.url}/sessions/${session.id}/replay`);
    await b.getByRole('heading', { level: 1, name: 'Whiteboard replay' }).waitFor();
    expect((await waitForImages(b, everyImageLoaded)).used).toEqual([fileId]);
    await b.waitForTimeout(500);
    await b.screenshot({ path: artifact('replay-image.png') });
    expect(cspViolations).toEqual([]);
  });

  it('tells whoever inserts an image too large, in the server’s words, that it was not shared, and tries once only', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben);
    const a = await signedIn(ada);
    await openRoom(a, session);
    const adasRequests = fileRequests(a);

    // Noise does not compress: about 2.4 MB, over the 2 MB a session's image may have.
    await insertImage(a, aPng(900, 900, noise), 'noise');

    const alert = a.getByRole('alert').filter({ hasText: 'Your image could not be shared with the room' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/larger than the 2000000-byte limit/);
    await a.screenshot({ path: artifact('room-image-refused.png') });
    // A refusal is final: no retries, and the room carries on.
    await a.waitForTimeout(2_500);
    expect(adasRequests).toEqual(['PUT 413']);
    await a.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  });
});

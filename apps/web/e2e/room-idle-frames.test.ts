import type { Page } from 'playwright-core';
import type { Session } from '@mockboard/contracts';
import { signUp } from '../../api/test/support/factories';
import { aLiveSession } from '../../api/test/support/room-client';
import { memberStage } from './support/members';

type FrameCounter = { __framesAsked?: number };

/**
 * Run in the page from its first script on: counts the animation frames the page asks for. It only
 * counts; every request still reaches the browser.
 */
function countFramesAsked() {
  const page = globalThis as unknown as FrameCounter & {
    requestAnimationFrame: (callback: (time: number) => void) => number;
  };
  const ask = page.requestAnimationFrame.bind(globalThis);
  page.__framesAsked = 0;
  page.requestAnimationFrame = (callback) => {
    page.__framesAsked! += 1;
    return ask(callback);
  };
}

const framesAsked = (page: Page) => page.evaluate(() => (globalThis as FrameCounter).__framesAsked ?? 0);

/** How many frames the page asks for over `ms` while nobody does anything. */
async function framesAskedOver(page: Page, ms: number): Promise<number> {
  const before = await framesAsked(page);
  await page.waitForTimeout(ms);
  return (await framesAsked(page)) - before;
}

/** Run in the page: the longest outline among the trails Excalidraw draws over the board (lasers). */
function longestTrail(): number {
  const paths = (
    globalThis as unknown as {
      document: {
        querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null }>;
      };
    }
  ).document.querySelectorAll('.SVGLayer svg path');
  return Math.max(0, ...Array.from(paths, (path) => (path.getAttribute('d') ?? '').length));
}

/**
 * An idle room renders nothing: Excalidraw's partners' laser loop asked for a frame 60 times a
 * second for as long as the board was open (apps/web/build/excalidraw-laser-rest.ts). It now rests
 * while no partner holds a laser, and wakes as soon as one does.
 */
describe('an idle room in two browsers', () => {
  const stage = memberStage();

  async function openRoom(page: Page, session: Session): Promise<void> {
    await page.addInitScript(countFramesAsked);
    await page.goto(`${stage.server.url}/sessions/${session.id}/room`);
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  }

  it('asks for no animation frames, and still shows a partner’s laser pointer', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben);
    const [a, b] = await Promise.all([stage.signedIn(ada), stage.signedIn(ben)]);
    await Promise.all([openRoom(a, session), openRoom(b, session)]);

    // Ada's cursor is on Ben's board: Ben's Excalidraw knows her as a collaborator.
    const canvas = a.locator('canvas.excalidraw__canvas.interactive');
    const box = (await canvas.boundingBox())!;
    const at = { x: box.x + box.width * 0.3, y: box.y + box.height * 0.4 };
    await a.mouse.move(at.x, at.y, { steps: 3 });
    await b.locator('.remote-cursor', { hasText: 'Ada Host' }).waitFor();

    // Left alone, neither page asks for frames (it was ~60 a second each, so ~120 in these 2 s).
    await a.waitForTimeout(500);
    const [idleA, idleB] = await Promise.all([framesAskedOver(a, 2_000), framesAskedOver(b, 2_000)]);
    expect(idleA).toBeLessThan(10);
    expect(idleB).toBeLessThan(10);

    // Ada picks the laser (K) and sweeps it across the board: Ben's board draws its trail.
    await a.keyboard.press('k');
    await a.mouse.down();
    let sweeping = true;
    const sweep = (async () => {
      // Until Ben has seen it: a trail fades within a second of the laser's last move.
      for (let step = 0; sweeping; step += 1)
        await a.mouse.move(at.x + (step % 40) * 8, at.y + (Math.floor(step / 40) % 10) * 10);
    })();
    try {
      const deadline = Date.now() + 30_000;
      while ((await b.evaluate(longestTrail)) < 20) {
        if (Date.now() > deadline) throw new Error('Ben never saw the trail of Ada’s laser');
        await b.waitForTimeout(50);
      }
    } finally {
      sweeping = false;
      await sweep;
      await a.mouse.up();
    }

    // Straight back to the selection tool, and a move so Ben learns of it. A release or a switch of
    // tool is neither dropped as volatile nor thinned, by the client or a server short of CPU, a few
    // a second (CollabClient, PointerShedding), so once the trail has faded his page rests, with no
    // further move of hers.
    await a.keyboard.press('v');
    await a.mouse.move(at.x, at.y, { steps: 3 });
    const deadline = Date.now() + 30_000;
    while ((await b.evaluate(longestTrail)) > 0) {
      if (Date.now() > deadline) throw new Error('The trail of Ada’s laser never faded on Ben’s board');
      await b.waitForTimeout(100);
    }
    while ((await framesAskedOver(b, 500)) >= 3) {
      if (Date.now() > deadline) throw new Error('Ben’s page never learnt that Ada put the laser down');
    }
    expect(await framesAskedOver(b, 2_000)).toBeLessThan(10);
  });
});

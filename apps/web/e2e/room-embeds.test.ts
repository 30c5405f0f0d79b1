import type { Page } from 'playwright-core';
import type { Session } from '@mockboard/contracts';
import { signUp } from '../../api/test/support/factories';
import { aCheckedRectangle, aLiveSession } from '../../api/test/support/room-client';
import { SceneWriter } from '../../api/src/room/scene-writer';
import { artifact } from './support/browser';
import { memberStage } from './support/members';

/** The test hook the whiteboard puts on `window` (these tests compile without the DOM's types). */
type SceneHook = { __mockboardScene?: () => { type: string }[] };

/** Run in the page: the types of the elements on its board, or null before it is ready. */
function sceneTypes(): string[] | null {
  const hook = (globalThis as unknown as SceneHook).__mockboardScene;
  return hook ? hook().map((element) => element.type) : null;
}

async function waitForRectangle(page: Page): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const types = await page.evaluate(sceneTypes);
    if (types?.includes('rectangle')) return types;
    if (Date.now() > deadline)
      throw new Error(`The board never showed the rectangle: ${JSON.stringify(types)}`);
    await page.waitForTimeout(100);
  }
}

/** What a partner could once smuggle in: an iframe carrying its own page, and a web embed. */
const PHISHING_PAGE =
  '<form id="phish"><h1>Session expired</h1><p>Sign in again</p><input name="password" type="password"></form>';

describe('embeds on the whiteboard', () => {
  const stage = memberStage();

  /**
   * Old data: written straight to the store, as scenes and replay logs were before the element
   * allow-list existed (the gateway now refuses these at the door).
   */
  async function aSceneWithEmbeds(session: Session): Promise<void> {
    const writer = stage.server.app.get(SceneWriter);
    await writer.submit(session.id, [
      aCheckedRectangle({ x: 0, y: 0, width: 200, height: 120, index: 'a1' }),
      aCheckedRectangle({
        type: 'iframe',
        x: 240,
        y: 0,
        width: 400,
        height: 300,
        index: 'a2',
        customData: { generationData: { status: 'done', html: PHISHING_PAGE } },
      }),
      aCheckedRectangle({
        type: 'embeddable',
        x: 0,
        y: 320,
        width: 400,
        height: 300,
        index: 'a3',
        link: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      }),
    ]);
  }

  it('shows no iframe stored before the allow-list, neither in the room nor in the replay', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben);
    await aSceneWithEmbeds(session);

    const room = await stage.signedIn(ben);
    await room.goto(`${stage.server.url}/sessions/${session.id}/room`);
    await room.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    expect(await waitForRectangle(room)).toEqual(['rectangle']);
    await room.waitForTimeout(300);
    await room.screenshot({ path: artifact('room-no-embeds.png') });
    expect(await room.locator('iframe').count()).toBe(0);
    expect(room.frames()).toHaveLength(1);
    expect(await room.getByText('Session expired').count()).toBe(0);

    const replay = await stage.signedIn(ada);
    await replay.goto(`${stage.server.url}/sessions/${session.id}/replay`);
    await replay.getByRole('heading', { level: 1, name: 'Whiteboard replay' }).waitFor();
    expect(await waitForRectangle(replay)).toEqual(['rectangle']);
    await replay.waitForTimeout(300);
    await replay.screenshot({ path: artifact('replay-no-embeds.png') });
    expect(await replay.locator('iframe').count()).toBe(0);
    expect(replay.frames()).toHaveLength(1);
  });
});

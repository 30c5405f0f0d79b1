import { randomUUID } from 'node:crypto';
import { signUp } from '../../api/test/support/factories';
import { aLiveSession, aRectangle, call, connect } from '../../api/test/support/room-client';
import { aLargeLog } from '../../api/test/support/room-factories';
import { artifact } from './support/browser';
import { memberStage } from './support/members';

/** The test hook the whiteboard puts on `window` (these tests compile without the DOM's types). */
type SceneHook = { __mockboardScene?: () => { id: string }[] };

/** Run in the page: how many live elements its whiteboard shows, or null before it is ready. */
function sceneSize(): number | null {
  const hook = (globalThis as unknown as SceneHook).__mockboardScene;
  return hook ? hook().length : null;
}

/** Run in the page: whether its whiteboard is ready and shows `count` live elements. */
function sceneHas(count: number): boolean {
  const hook = (globalThis as unknown as SceneHook).__mockboardScene;
  return hook !== undefined && hook().length === count;
}

describe('the replay of a long session', () => {
  const stage = memberStage();

  it('loads page by page with its progress shown, and plays what is loaded meanwhile', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben);
    // 4,500 changes of 30 boxes over 75 minutes, a phase change every 1,500: three pages.
    await aLargeLog(stage.server.dataSource, session.id, {
      entries: 4_500,
      elements: 30,
      phaseEvery: 1_500,
      spacingMs: 1_000,
    });

    const page = await stage.signedIn(ben);
    // The pages after the first wait until the test has seen the replay playable without them.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/api\/sessions\/[^/]+\/replay\?after=/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${stage.server.url}/sessions/${session.id}/replay`);

    await page
      .getByRole('status')
      .filter({ hasText: /Loading 2,000 of ~4,500 changes/ })
      .waitFor();
    await page.getByRole('slider', { name: 'Replay position' }).waitFor();
    await page.getByText('1999 of 1999 changes shown').waitFor();
    expect(await page.evaluate(sceneSize)).toBe(30);
    await page.getByRole('button', { name: 'Play' }).click();
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    await page.screenshot({ path: artifact('replay-loading.png'), fullPage: true });

    release();
    await page.getByText(/of 4497 changes shown/).waitFor();
    expect(
      await page
        .getByRole('status')
        .filter({ hasText: /Loading/ })
        .count(),
    ).toBe(0);
    // Space on the scrubber pauses and plays, as in a video player.
    await page.getByRole('slider', { name: 'Replay position' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Play' }).waitFor();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('slider', { name: 'Replay position' }).focus();
    await page.keyboard.press('End');
    await page.getByText('4497 of 4497 changes shown').waitFor();
    await page
      .getByRole('button', { name: /Estimation$/ })
      .first()
      .waitFor();
  });

  it('says nothing was drawn when only a hint was revealed, and still lists the hint', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben);
    const interviewer = await connect(stage.server.url, ada);
    try {
      expect(await call(interviewer, 'session:join', { sessionId: session.id })).toMatchObject({ ok: true });
      const revealed = { sessionId: session.id, round: 1, phase: 'requirements', stage: 1 };
      expect(await call(interviewer, 'hint:reveal', revealed)).toMatchObject({ ok: true });
    } finally {
      interviewer.disconnect();
    }
    const [{ text }] = (await stage.server.dataSource.query(
      `SELECT text FROM hint_reveals WHERE session_id = $1`,
      [session.id],
    )) as [{ text: string }];

    const page = await stage.signedIn(ben);
    await page.goto(`${stage.server.url}/sessions/${session.id}/replay`);
    await page.getByRole('heading', { name: 'Nothing was drawn in this session' }).waitFor();
    // The session is still to come: it has not stayed empty, nothing is drawn yet.
    await page.getByText('Not yet: the replay fills in as the whiteboard is drawn on.').waitFor();
    const hints = page.getByRole('region', { name: 'Hints revealed' });
    await hints.getByText(text).waitFor();
    expect(await hints.textContent()).toContain('Round 1 · Requirements');
    // No player for an empty board: no 0:00 / 0:00 scrubber, no play button.
    expect(await page.getByRole('slider', { name: 'Replay position' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Play' }).count()).toBe(0);
    await page.screenshot({ path: artifact('replay-nothing-drawn-with-hint.png'), fullPage: true });
  });
  it('opens on round 1’s design when round 2 started but drew nothing', async () => {
    const ada = await signUp(stage.server.url, { displayName: 'Ada Host' });
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const session = await aLiveSession(stage.server.url, ada, ben);
    const interviewer = await connect(stage.server.url, ada);
    try {
      expect(await call(interviewer, 'session:join', { sessionId: session.id })).toMatchObject({ ok: true });
      const drawn = { sessionId: session.id, elements: [aRectangle()] };
      expect(await call(interviewer, 'scene:update', drawn)).toMatchObject({ ok: true });
      // The swap at once: however close the two are logged, round 1's board is the one shown.
      expect(await call(interviewer, 'session:swap', { sessionId: session.id })).toMatchObject({ ok: true });
    } finally {
      interviewer.disconnect();
    }

    const page = await stage.signedIn(ben);
    await page.goto(`${stage.server.url}/sessions/${session.id}/replay`);
    await page.getByText('Round 1 board ·').waitFor();
    await page.waitForFunction(sceneHas, 1);
    // The board leaves room for its controls on the screen, header and all.
    const play = (await page.getByRole('button', { name: 'Play' }).boundingBox())!;
    expect(play.y + play.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    await page.screenshot({ path: artifact('replay-opens-on-round-1.png'), fullPage: true });

    // Round 2's board is still there to see, and says why it is empty.
    await page
      .getByRole('list', { name: 'Phase changes' })
      .getByRole('button', { name: /Round 2: / })
      .click();
    await page.getByText('Round 2 board (nothing was drawn on it) ·').waitFor();
    await page.waitForFunction(sceneHas, 0);
  });
  it('says a session that is not there is not there, with no retry that cannot help', async () => {
    const ben = await signUp(stage.server.url, { displayName: 'Ben Guest' });
    const page = await stage.signedIn(ben);
    await page.goto(`${stage.server.url}/sessions/${randomUUID()}/replay`);
    await page.getByRole('heading', { name: 'The replay could not be loaded' }).waitFor();
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
  });
});

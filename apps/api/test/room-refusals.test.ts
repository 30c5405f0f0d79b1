import { ROOM_LIMITS, type ErrorAck, type SceneElement } from '@mockboard/contracts';
import { CollabClient } from './support/collab-client';
import type { SignedUpUser } from './support/factories';
import { aRectangle, call, next, waitFor } from './support/room-client';
import { aSceneUsage } from './support/room-factories';
import { liveRoomStage } from './support/room-stage';

/** A browser tab's collaboration client, with what it was told. */
interface Tab {
  client: CollabClient;
  errors: ErrorAck['error'][];
  restores: { replaced: string[]; removed: string[] }[];
}

/** A freehand stroke as Excalidraw draws it with a mouse: `count` points of full-precision doubles. */
function aFreedraw(count: number): Record<string, unknown> {
  let x = 0;
  let y = 0;
  const points: [number, number][] = [];
  for (let index = 0; index < count; index += 1) {
    points.push([x, y]);
    x += Math.cos(index / 40) * 2.345678901234 + Math.random() / 3;
    y += Math.sin(index / 55) * 1.987654321098 + Math.random() / 3;
  }
  return aRectangle({
    type: 'freedraw',
    points,
    pressures: [],
    simulatePressure: true,
    lastCommittedPoint: null,
  });
}

/** A text element of `characters` characters of a script that takes 3 UTF-8 bytes each. */
const aWideText = (characters: number) => aRectangle({ type: 'text', text: '語'.repeat(characters) });
const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

/**
 * Issue 12: a refused update must leave every socket of the room (the sender's tabs included)
 * with exactly what is stored; long strokes must be shared; size caps count UTF-8 bytes.
 */
describe('refused scene updates and the size caps', () => {
  const room = liveRoomStage();
  const tabs: Tab[] = [];
  afterEach(() => tabs.splice(0).forEach((tab) => tab.client.close()));

  async function aTab(user: SignedUpUser): Promise<Tab> {
    const tab: Tab = { client: undefined as unknown as CollabClient, errors: [], restores: [] };
    tab.client = new CollabClient({
      sessionId: room.sessionId,
      url: room.server.url,
      token: user.accessToken,
      socketOptions: { transports: ['websocket'] },
      onError: (error) => tab.errors.push(error),
      onRestore: (replaced, removed) =>
        tab.restores.push({ replaced: replaced.map((element) => element.id), removed }),
    });
    tabs.push(tab);
    await tab.client.connect();
    return tab;
  }

  /**
   * Everything the server sent this tab before now has been handled: a malformed update is
   * answered after every event already on its way to the socket.
   */
  const caughtUp = (tab: Tab) =>
    tab.client.socket
      .timeout(10_000)
      .emitWithAck('scene:update', { sessionId: room.sessionId, elements: [] });

  const stored = async (): Promise<SceneElement[]> =>
    (
      (await room.server.dataSource.query(`SELECT data FROM scene_elements WHERE session_id = $1`, [
        room.sessionId,
      ])) as { data: SceneElement }[]
    )
      .map((row) => row.data)
      .sort(byId);
  const sceneOf = (tab: Tab) => [...tab.client.scene.values()].sort(byId);
  const acked = (tab: Tab) => waitFor(() => tab.client.pendingCount === 0);

  /** The candidate in two tabs and the interviewer, a box stored and seen by all three. */
  async function threeTabsAndABox() {
    const interviewer = await aTab(room.host);
    const drawer = await aTab(room.guest);
    const otherTab = await aTab(room.guest);
    const box = aRectangle() as SceneElement;
    drawer.client.sendElements([box]);
    await acked(drawer);
    await Promise.all([caughtUp(interviewer), caughtUp(otherTab)]);
    expect(interviewer.client.scene.get(box.id)?.version).toBe(1);
    return { interviewer, drawer, otherTab, box };
  }

  async function expectEveryTabToHoldTheStoredScene(tabsToCheck: Tab[]) {
    await Promise.all(tabsToCheck.map(caughtUp));
    const rows = await stored();
    for (const tab of tabsToCheck) expect(sceneOf(tab)).toEqual(rows);
  }

  it('takes back an edit in flight when the session ends, on every tab, the sender’s included', async () => {
    const { interviewer, drawer, otherTab, box } = await threeTabsAndABox();
    await interviewer.client.endSession();

    const moved = { ...box, version: 2, versionNonce: box.versionNonce + 1, x: 500 };
    const added = aRectangle() as SceneElement;
    drawer.client.sendElements([moved, added]);
    await waitFor(() => drawer.errors.length > 0);

    expect(drawer.errors[0]).toEqual({
      code: 'conflict',
      message: 'The session is over; its whiteboard can no longer change. Your last change was not saved.',
    });
    expect(drawer.client.pendingCount).toBe(0);
    expect((await stored()).map((element) => [element.id, element.version])).toEqual([[box.id, 1]]);
    await expectEveryTabToHoldTheStoredScene([drawer, otherTab, interviewer]);
    // The board is told to replace the box and to remove what the store never had.
    expect(drawer.restores).toEqual([{ replaced: [box.id], removed: [added.id] }]);
  });

  it('takes back an edit refused because the scene is full, on every tab', async () => {
    const { interviewer, drawer, otherTab, box } = await threeTabsAndABox();
    await aSceneUsage(room.server.dataSource, room.sessionId, { sceneBytes: ROOM_LIMITS.maxSceneBytes });

    drawer.client.sendElements([{ ...box, version: 2, width: 999 }, aRectangle() as SceneElement]);
    await waitFor(() => drawer.errors.length > 0);

    expect(drawer.errors[0]).toMatchObject({ code: 'too_large', budget: 'scene' });
    await expectEveryTabToHoldTheStoredScene([drawer, otherTab, interviewer]);
    expect(sceneOf(interviewer).map((element) => element.version)).toEqual([1]);
  });

  it('takes back a refused edit on a tab whose connection dropped between the relay and the refusal, once it re-joins', async () => {
    const { interviewer, drawer, otherTab, box } = await threeTabsAndABox();
    await aSceneUsage(room.server.dataSource, room.sessionId, { sceneBytes: ROOM_LIMITS.maxSceneBytes });
    // The interviewer's tab takes the relayed copies, then its connection drops before the refusal's
    // scene:restore reaches it. Server and client share this process, so the restore may already
    // sit behind the relay in the socket's buffer: the tab's restore handler is held back to make
    // sure it is lost, as it is when a network drops it. The tab reconnects and re-joins by itself.
    const socket = interviewer.client.socket;
    const restoreHandlers = socket.listeners('scene:restore');
    restoreHandlers.forEach((handler) => socket.off('scene:restore', handler));
    const cut = new Promise<void>((resolve) =>
      socket.once('scene:update', () => {
        socket.io.engine.close();
        resolve();
      }),
    );
    const reconnected = new Promise((resolve) => socket.io.once('reconnect', resolve));
    // Back only after the refusal was answered, so the restore is not sent to its new connection.
    socket.io.reconnectionDelay(3_000).reconnectionDelayMax(3_000);

    drawer.client.sendElements([{ ...box, version: 2, width: 999 }, aRectangle() as SceneElement]);
    await cut;
    await waitFor(() => drawer.errors.length > 0);
    expect(interviewer.client.scene.get(box.id)?.version).toBe(2);
    expect(interviewer.client.status).toBe('reconnecting');
    await reconnected;
    restoreHandlers.forEach((handler) => socket.on('scene:restore', handler));
    await waitFor(() => interviewer.client.status === 'connected');

    await expectEveryTabToHoldTheStoredScene([interviewer, drawer, otherTab]);
    expect(sceneOf(interviewer).map((element) => element.version)).toEqual([1]);
  });

  it('accepts a 5,000-point pen stroke, relays it to the partner and stores it', async () => {
    const a = await room.joined(room.host);
    const b = await room.joined(room.guest);
    const stroke = aFreedraw(5_000);
    expect(bytesOf(stroke)).toBeGreaterThan(64_000); // the old cap: ~1,600 points
    const relayed = next<{ elements: { points: unknown[] }[] }>(b, 'scene:update');

    const ack = await call(a, 'scene:update', { sessionId: room.sessionId, elements: [stroke] });

    expect(ack).toMatchObject({ ok: true });
    expect((await relayed).elements[0]!.points).toHaveLength(5_000);
    const [row] = await stored();
    expect(row).toEqual(stroke);
  });

  it('counts an element’s size in UTF-8 bytes, not characters, and takes it back from the sender', async () => {
    const a = await room.joined(room.host);
    const b = await room.joined(room.guest);
    const relayedToB: unknown[] = [];
    b.on('scene:update', (update) => relayedToB.push(update));
    // Half the cap in characters, one and a half times it in bytes.
    const wide = aWideText(ROOM_LIMITS.maxElementBytes / 2);
    expect(JSON.stringify(wide).length).toBeLessThan(ROOM_LIMITS.maxElementBytes);
    const restored = next<{ refused: { id: string }[]; stored: unknown[] }>(a, 'scene:restore');

    const refused = await call(a, 'scene:update', { sessionId: room.sessionId, elements: [wide] });

    expect(refused).toEqual({
      ok: false,
      error: { code: 'too_large', message: `elements.0 is larger than ${ROOM_LIMITS.maxElementBytes} bytes` },
    });
    expect(await restored).toMatchObject({ refused: [{ id: wide.id }], stored: [] });
    await call(b, 'scene:update', { sessionId: room.sessionId, elements: [] });
    expect(relayedToB).toEqual([]);
    expect(await stored()).toEqual([]);
  });

  it('counts a message’s size in UTF-8 bytes', async () => {
    const a = await room.joined(room.host);
    // Two elements, each within the element cap; together under the message cap in characters only.
    const each = Math.floor(ROOM_LIMITS.maxElementBytes / 3) - 1_000;
    const elements = [aWideText(each), aWideText(each)];
    expect(JSON.stringify(elements).length).toBeLessThan(ROOM_LIMITS.maxMessageBytes);

    const refused = await call(a, 'scene:update', { sessionId: room.sessionId, elements });

    expect(refused).toEqual({
      ok: false,
      error: { code: 'too_large', message: `A message is capped at ${ROOM_LIMITS.maxMessageBytes} bytes` },
    });
  });

  it('has the client batch by UTF-8 bytes, and take an unsendable element off the board with a message', async () => {
    const drawer = await aTab(room.host);
    const partner = await aTab(room.guest);
    const each = Math.floor(ROOM_LIMITS.maxElementBytes / 3) - 1_000;
    const pair = [aWideText(each), aWideText(each)] as SceneElement[];
    const tooWide = aWideText(ROOM_LIMITS.maxElementBytes / 2) as SceneElement;

    drawer.client.sendElements([...pair, tooWide]);
    await acked(drawer);
    await caughtUp(partner);

    expect(drawer.errors).toEqual([
      {
        code: 'too_large',
        message: expect.stringMatching(/^This text is too large to share .* it was removed from your board$/),
      },
    ]);
    expect(drawer.restores).toEqual([{ replaced: [], removed: [tooWide.id] }]);
    const rows = await stored();
    expect(rows.map((element) => element.id)).toEqual(pair.map((element) => element.id).sort());
    expect(sceneOf(partner)).toEqual(rows);
    expect(sceneOf(drawer)).toEqual(rows);
  });
});

import type { Socket } from 'socket.io-client';
import {
  ROOM_LIMITS,
  type JoinAck,
  type SceneBroadcast,
  type SceneElement,
  type SceneRestore,
} from '@mockboard/contracts';
import { signUp, type SignedUpUser } from './support/factories';
import { PollingPeer } from './support/polling-peer';
import { aLiveSession, aRectangle, call, connect, waitFor } from './support/room-client';
import { aSceneUsage } from './support/room-factories';
import { catchUp, drag, pollFor } from './support/slow-peer';
import { SUITE_POSTGRES } from './support/suite-postgres';
import { startTestApp, startWithConfig, type TestApp } from './support/test-app';
import { BEHIND_AT_WAITING_PACKETS } from '../src/room/scene-relay';

const REDIS_URL = 'redis://127.0.0.1:6379';
const DRAGS = 80;

/**
 * Issue 18: a peer that falls behind is sent its partner's strokes coalesced, also when the partner
 * is connected to another instance (after a replica restarted, say) and the strokes reach the peer's
 * instance through Redis. Only that instance sees the peer's connection back up, so it holds the
 * copies, as it does for strokes drawn on itself (room-slow-peer.test.ts). The drawing host is on
 * instance one; the slow guest, which polls over long-polling only when the test says so, is on two.
 */
describe('a peer behind on another instance than its partner', () => {
  let one: TestApp;
  let two: TestApp;
  let host: SignedUpUser;
  let guest: SignedUpUser;
  let sessionId: string;
  const sockets: Socket[] = [];
  const peers: PollingPeer[] = [];

  beforeAll(async () => {
    // One PostgreSQL schema for both: this is a scale-out test, not a database test.
    one = await startTestApp({ REDIS_URL, DATABASE_URL: SUITE_POSTGRES });
    two = await startWithConfig(one.config);
  });
  beforeEach(async () => {
    host = await signUp(one.url);
    guest = await signUp(one.url);
    sessionId = (await aLiveSession(one.url, host, guest)).id;
  });
  afterEach(async () => {
    sockets.splice(0).forEach((socket) => socket.disconnect());
    await Promise.all(peers.splice(0).map((peer) => peer.close()));
  });
  afterAll(async () => {
    await two?.app.close();
    await one?.close();
  });

  async function joinedOn(app: TestApp, user: SignedUpUser): Promise<Socket> {
    const socket = await connect(app.url, user);
    sockets.push(socket);
    expect(await call(socket, 'session:join', { sessionId })).toMatchObject({ ok: true });
    return socket;
  }

  async function aSlowGuestOnTwo(): Promise<PollingPeer> {
    const peer = await PollingPeer.connect(two.url, guest.accessToken);
    peers.push(peer);
    expect((await peer.call<JoinAck>('session:join', { sessionId })).ok).toBe(true);
    return peer;
  }

  it('sends the slow peer where each element is now, while a peer that keeps up on its instance gets every step', async () => {
    const sender = await joinedOn(one, host);
    const otherTabOnTwo = await joinedOn(two, host);
    const steps: number[] = [];
    otherTabOnTwo.on('scene:update', (update: SceneBroadcast) => {
      for (const element of update.elements) if (element.id === 'dragged') steps.push(element.version);
    });
    const slow = await aSlowGuestOnTwo();
    const box = aRectangle({ id: 'dragged' }) as SceneElement;

    await drag(sender, sessionId, box, 1, DRAGS, (version) =>
      version % 10 === 0 ? [aRectangle({ id: `dot-${version}` }) as SceneElement] : [],
    );
    await waitFor(() => steps.length === DRAGS);
    expect(steps).toEqual(Array.from({ length: DRAGS }, (_, index) => index + 1));

    const board = await catchUp(slow, 'dragged', DRAGS);
    expect(board.get('dragged')).toMatchObject({ version: DRAGS, x: DRAGS * 10 });
    for (let version = 10; version <= DRAGS; version += 10) expect(board.has(`dot-${version}`)).toBe(true);
    // What queued before it counted as behind, then one update with the rest.
    const updates = slow.received<SceneBroadcast>('scene:update');
    expect(updates.length).toBeLessThanOrEqual(BEHIND_AT_WAITING_PACKETS + 1);
    expect(updates.at(-1)!.elements.filter((element) => element.id === 'dragged')).toHaveLength(1);
  });

  it('sends the slow peer the strokes made before a change of the room, then the change', async () => {
    const sender = await joinedOn(one, host);
    const slow = await aSlowGuestOnTwo();
    const box = aRectangle({ id: 'dragged' }) as SceneElement;
    await drag(sender, sessionId, box, 1, BEHIND_AT_WAITING_PACKETS + 8);
    const changed = await sender
      .timeout(10_000)
      .emitWithAck('session:phase', { sessionId, phase: 'deep-dive' });
    expect(changed).toMatchObject({ ok: true });

    await pollFor(slow, 'session:state');
    const lastStroke = slow.events.findLastIndex(
      ({ event, payload }) =>
        event === 'scene:update' &&
        (payload as SceneBroadcast).elements.some(
          (element) => element.id === 'dragged' && element.version === BEHIND_AT_WAITING_PACKETS + 8,
        ),
    );
    const state = slow.events.findIndex(({ event }) => event === 'session:state');
    expect(lastStroke).toBeGreaterThanOrEqual(0);
    expect(lastStroke).toBeLessThan(state);
    // The strokes were held (fewer updates than strokes): the order was the relay's doing.
    expect(slow.received('scene:update').length).toBeLessThan(BEHIND_AT_WAITING_PACKETS + 8);
  });

  it('never sends the slow peer a copy the server refused, after telling it to take the copy back', async () => {
    const sender = await joinedOn(one, host);
    const slow = await aSlowGuestOnTwo();
    const box = aRectangle({ id: 'dragged' }) as SceneElement;
    await drag(sender, sessionId, box, 1, BEHIND_AT_WAITING_PACKETS + 8);

    // The scene is full: the next update is relayed (and held on two for the slow peer), then refused.
    await aSceneUsage(one.dataSource, sessionId, { sceneBytes: ROOM_LIMITS.maxSceneBytes });
    const version = BEHIND_AT_WAITING_PACKETS + 9;
    const refused = [{ ...box, version, x: -1 }, aRectangle({ id: 'added' }) as SceneElement];
    const reply = await sender.timeout(20_000).emitWithAck('scene:update', { sessionId, elements: refused });
    expect(reply).toMatchObject({ ok: false, error: { code: 'too_large' } });

    await pollFor(slow, 'scene:restore');
    const [restore] = slow.received<SceneRestore>('scene:restore');
    if (!restore) throw new Error('the slow peer was never told to take the refused copies back');
    // Room again on the board, a marker is drawn: once it is in, everything relayed before is too.
    await aSceneUsage(one.dataSource, sessionId, { sceneBytes: 0 });
    await drag(sender, sessionId, aRectangle({ id: 'marker' }) as SceneElement, 1, 1);
    const markerIn = () =>
      slow
        .received<SceneBroadcast>('scene:update')
        .some((update) => update.elements.some((element) => element.id === 'marker'));
    for (let polls = 0; polls < 50 && !markerIn(); polls += 1) await slow.poll();
    expect(markerIn()).toBe(true);
    const sent = slow.received<SceneBroadcast>('scene:update').flatMap((update) => update.elements);
    expect(sent.some((element) => element.id === 'added')).toBe(false);
    expect(sent.some((element) => element.id === 'dragged' && element.version === version)).toBe(false);
  });
});

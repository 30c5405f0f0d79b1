import type { Socket } from 'socket.io-client';
import type { DataSource } from 'typeorm';
import {
  ROOM_LIMITS,
  type SceneBroadcast,
  type SceneElement,
  type SceneRestore,
  type SceneUpdateAck,
} from '@mockboard/contracts';
import { mergeElements } from '@mockboard/scene';
import { BEHIND_AT_WAITING_PACKETS } from '../../src/room/scene-relay';
import type { PollingPeer } from './polling-peer';
import { aRectangle, waitFor } from './room-client';
import { aSceneUsage } from './room-factories';

/**
 * Drags one box `count` times (versions from..from+count-1), at the client's 40 Hz cap, and
 * expects every ack to be ok. `extra` adds elements to a step's update.
 */
export async function drag(
  sender: Socket,
  sessionId: string,
  box: SceneElement,
  from: number,
  count: number,
  extra?: (version: number) => SceneElement[],
): Promise<void> {
  const acks: Promise<SceneUpdateAck>[] = [];
  for (let version = from; version < from + count; version += 1) {
    const elements = [{ ...box, version, x: version * 10 }, ...(extra?.(version) ?? [])];
    acks.push(sender.timeout(20_000).emitWithAck('scene:update', { sessionId, elements }));
    await new Promise((resolve) => setTimeout(resolve, 1_000 / ROOM_LIMITS.maxUpdatesPerSecond + 2));
  }
  const replies = await Promise.all(acks);
  expect(replies.every((reply) => reply.ok)).toBe(true);
}

/** Polls until the peer holds `boxId` at `version` (50 polls at most), and returns its board. */
export async function catchUp(
  peer: PollingPeer,
  boxId: string,
  version: number,
): Promise<Map<string, SceneElement>> {
  const board = new Map<string, SceneElement>();
  const merged = () => {
    board.clear();
    for (const update of peer.received<SceneBroadcast>('scene:update')) mergeElements(board, update.elements);
    return board.get(boxId)?.version === version;
  };
  for (let polls = 0; polls < 50 && !merged(); polls += 1) await peer.poll();
  return board;
}

/** Polls until the peer has received `event` (50 polls at most). */
export async function pollFor(peer: PollingPeer, event: string): Promise<void> {
  for (let polls = 0; polls < 50 && peer.received(event).length === 0; polls += 1) await peer.poll();
}

/** Who draws, who is behind, and where the session's data lives: the same scenarios on one instance or two. */
export interface SlowPeerStage {
  sender: Socket;
  slow: PollingPeer;
  sessionId: string;
  /** The database the session is stored in (to fill its scene's budget). */
  dataSource: DataSource;
}

/**
 * The slow peer falls behind on a dragged box, then an update is relayed (held for it) and refused
 * for good: it must never receive the refused copies after being told to take them back.
 */
export async function expectNoRefusedCopyAfterRestore({
  sender,
  slow,
  sessionId,
  dataSource,
}: SlowPeerStage) {
  const box = aRectangle({ id: 'dragged' }) as SceneElement;
  await drag(sender, sessionId, box, 1, BEHIND_AT_WAITING_PACKETS + 8);

  // The scene is full: the next update is relayed (and held for the slow peer), then refused.
  await aSceneUsage(dataSource, sessionId, { sceneBytes: ROOM_LIMITS.maxSceneBytes });
  const version = BEHIND_AT_WAITING_PACKETS + 9;
  const refused = [{ ...box, version, x: -1 }, aRectangle({ id: 'added' }) as SceneElement];
  const reply = await sender.timeout(20_000).emitWithAck('scene:update', { sessionId, elements: refused });
  expect(reply).toMatchObject({ ok: false, error: { code: 'too_large' } });

  await pollFor(slow, 'scene:restore');
  const [restore] = slow.received<SceneRestore>('scene:restore');
  if (!restore) throw new Error('the slow peer was never told to take the refused copies back');
  expect(restore.refused.map((copy) => [copy.id, copy.version])).toEqual([
    ['dragged', version],
    ['added', 1],
  ]);
  // Room again on the board, a marker is drawn: whatever was held for the slow peer before it
  // goes out before it or with it, so once the marker is in, everything relayed before is too.
  await aSceneUsage(dataSource, sessionId, { sceneBytes: 0 });
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
  // The held copy the refused one had replaced comes back with the restore, as stored.
  expect(restore.stored.map((element) => [element.id, element.version])).toEqual([['dragged', version - 1]]);
}

/**
 * The slow peer falls behind on a dragged box, then the sender changes the room's phase: the
 * strokes must reach the peer before the change does.
 */
export async function expectHeldStrokesBeforeStateChange({ sender, slow, sessionId }: SlowPeerStage) {
  const lastVersion = BEHIND_AT_WAITING_PACKETS + 8;
  await drag(sender, sessionId, aRectangle({ id: 'dragged' }) as SceneElement, 1, lastVersion);
  const changed = await sender
    .timeout(10_000)
    .emitWithAck('session:phase', { sessionId, phase: 'deep-dive' });
  expect(changed).toMatchObject({ ok: true });

  await pollFor(slow, 'session:state');
  const lastStroke = slow.events.findLastIndex(
    ({ event, payload }) =>
      event === 'scene:update' &&
      (payload as SceneBroadcast).elements.some(
        (element) => element.id === 'dragged' && element.version === lastVersion,
      ),
  );
  const state = slow.events.findIndex(({ event }) => event === 'session:state');
  expect(lastStroke).toBeGreaterThanOrEqual(0);
  expect(lastStroke).toBeLessThan(state);
  // The strokes were held (fewer updates than strokes): the order was the relay's doing.
  expect(slow.received('scene:update').length).toBeLessThan(lastVersion);
}

/** The steps of the drag scenario: enough to leave a slow peer's queue past BEHIND_AT_WAITING_PACKETS. */
export const DRAGS = 80;

/**
 * The sender drags a box DRAGS times, adding a dot every tenth step. `keepingUp`, a peer that
 * reads everything, gets every step; the slow peer gets what queued before it counted as behind,
 * then one update with where everything is now. Returns the box.
 */
export async function expectCoalescedDrag(
  { sender, slow, sessionId }: SlowPeerStage,
  keepingUp: Socket,
): Promise<SceneElement> {
  const steps: number[] = [];
  keepingUp.on('scene:update', (update: SceneBroadcast) => {
    for (const element of update.elements) if (element.id === 'dragged') steps.push(element.version);
  });
  const box = aRectangle({ id: 'dragged' }) as SceneElement;
  await drag(sender, sessionId, box, 1, DRAGS, (version) =>
    version % 10 === 0 ? [aRectangle({ id: `dot-${version}` }) as SceneElement] : [],
  );
  await waitFor(() => steps.length === DRAGS);
  expect(steps).toEqual(Array.from({ length: DRAGS }, (_, index) => index + 1));

  const board = await catchUp(slow, 'dragged', DRAGS);
  expect(board.get('dragged')).toMatchObject({ version: DRAGS, x: DRAGS * 10 });
  for (let version = 10; version <= DRAGS; version += 10) expect(board.has(`dot-${version}`)).toBe(true);
  const updates = slow.received<SceneBroadcast>('scene:update');
  expect(updates.length).toBeGreaterThan(1);
  expect(updates.length).toBeLessThanOrEqual(BEHIND_AT_WAITING_PACKETS + 1);
  const last = updates.at(-1)!;
  expect(last.round).toBe(undefined);
  expect(last.elements.filter((element) => element.id === 'dragged')).toHaveLength(1);
  return box;
}

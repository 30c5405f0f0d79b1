import type { Socket } from 'socket.io-client';
import {
  ROOM_LIMITS,
  type SceneBroadcast,
  type SceneElement,
  type SceneUpdateAck,
} from '@mockboard/contracts';
import { mergeElements } from '@mockboard/scene';
import type { PollingPeer } from './polling-peer';

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

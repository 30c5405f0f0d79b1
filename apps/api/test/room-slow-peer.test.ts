import type { Server } from 'socket.io';
import type { Socket } from 'socket.io-client';
import {
  ROOM_LIMITS,
  type JoinAck,
  type SceneBroadcast,
  type SceneElement,
  type SceneUpdateAck,
} from '@mockboard/contracts';
import { mergeElements } from '@mockboard/scene';
import { aRectangle, waitFor } from './support/room-client';
import { PollingPeer } from './support/polling-peer';
import {
  DRAGS,
  catchUp,
  drag,
  expectCoalescedDrag,
  expectHeldStrokesBeforeStateChange,
  expectNoRefusedCopyAfterRestore,
} from './support/slow-peer';
import { liveRoomStage } from './support/room-stage';
import { BEHIND_AT_WAITING_PACKETS, waitingPackets } from '../src/room/scene-relay';
import { RoomGateway } from '../src/room/room.gateway';

/** A text element of about this many bytes: a few dozen of them fill a stalled connection's buffers. */
const LONG_TEXT_BYTES = 600_000;
/**
 * Versions the websocket case may send before the stalled tab must count as behind. The budgets
 * allow it: the board keeps one copy of the text, and its log one per log window (a big element's
 * window is long, LOG_BYTES_PER_SECOND), so the log holds a few copies however many go out.
 */
const MAX_VERSIONS_TO_BACK_UP = 400;

/** A text box whose text is about `bytes` long (big, so that few updates fill a connection's buffers). */
function aLongText(id: string, bytes: number): SceneElement {
  return aRectangle({
    id,
    type: 'text',
    text: 'lorem ipsum '.repeat(Math.ceil(bytes / 12)),
    originalText: '',
    fontSize: 20,
    fontFamily: 1,
    textAlign: 'left',
    verticalAlign: 'top',
    containerId: null,
    autoResize: true,
    lineHeight: 1.25,
  });
}

/**
 * Stops reading the tab's websocket, as a browser on a link that has stalled: what the server
 * writes fills the kernel's buffers, then waits in engine.io's. Returns what resumes reading.
 */
function stopReading(tab: Socket): () => void {
  const transport = tab.io.engine.transport as unknown as {
    ws?: { _socket?: { pause(): void; resume(): void } };
  };
  const tcp = transport.ws?._socket;
  if (!tcp) throw new Error('the tab is not on a websocket');
  tcp.pause();
  return () => tcp.resume();
}

/**
 * Issue 18: a peer that does not keep up is sent what it has not received yet coalesced (a later
 * copy of an element replaces an earlier one while it waits), not every copy queued behind the
 * ones it has not read; peers that keep up still get every update. The slow peer of most cases
 * polls over engine.io long-polling only when the test says so, so everything sent to it waits on
 * the server; one case stalls a websocket tab instead, which falls behind only once the kernel's
 * buffers towards it are full.
 */
describe('a peer that falls behind', () => {
  const room = liveRoomStage();
  const peers: PollingPeer[] = [];
  afterEach(async () => {
    await Promise.all(peers.splice(0).map((peer) => peer.close()));
  });

  async function aSlowGuest(): Promise<PollingPeer> {
    const peer = await PollingPeer.connect(room.server.url, room.guest.accessToken);
    peers.push(peer);
    const join = await peer.call<JoinAck>('session:join', { sessionId: room.sessionId });
    expect(join.ok).toBe(true);
    return peer;
  }

  it('sends a peer that stopped reading where each element is now, while a peer that keeps up gets every step', async () => {
    const sender = await room.joined(room.host);
    const otherTab = await room.joined(room.host);
    const slow = await aSlowGuest();
    const stage = { sender, slow, sessionId: room.sessionId, dataSource: room.server.dataSource };
    const box = await expectCoalescedDrag(stage, otherTab);
    const updates = slow.received<SceneBroadcast>('scene:update');

    // Caught up, it gets the next step as it happens, on its own.
    await drag(sender, room.sessionId, box, DRAGS + 1, 1);
    const next = await catchUp(slow, 'dragged', DRAGS + 1);
    expect(next.get('dragged')?.version).toBe(DRAGS + 1);
    expect(slow.received('scene:update')).toHaveLength(updates.length + 1);
  });

  it('holds copies for a websocket tab whose connection stopped draining, and sends where each element is once it drains', async () => {
    const sender = await room.joined(room.host);
    const stalledTab = await room.joined(room.guest);
    const updates: SceneBroadcast[] = [];
    stalledTab.on('scene:update', (update: SceneBroadcast) => updates.push(update));
    const resume = stopReading(stalledTab);
    // What the relay looks at, read as it reads it: the packets engine.io holds for the tab.
    const io = (room.server.app.get(RoomGateway) as unknown as { server: Server }).server;
    const waitingForTab = () => {
      // A client's socket id is its server-side socket's.
      const socket = io.sockets.sockets.get(stalledTab.id ?? '');
      return socket ? waitingPackets(socket) : 0;
    };

    const text = aLongText('notes', LONG_TEXT_BYTES);
    const acks: Promise<SceneUpdateAck>[] = [];
    const send = (elements: SceneElement[]) => {
      acks.push(sender.timeout(30_000).emitWithAck('scene:update', { sessionId: room.sessionId, elements }));
      return new Promise((resolve) => setTimeout(resolve, 1_000 / ROOM_LIMITS.maxUpdatesPerSecond + 2));
    };
    let version = 0;
    while (waitingForTab() < BEHIND_AT_WAITING_PACKETS) {
      if (version === MAX_VERSIONS_TO_BACK_UP) throw new Error('the stalled tab never fell behind');
      version += 1;
      await send([{ ...text, version }]);
    }
    const sentBeforeHolding = version;
    // Held from here on: ten more versions of the text, and a box added among them.
    for (let more = 1; more <= 10; more += 1) {
      version += 1;
      await send(more === 5 ? [{ ...text, version }, aRectangle({ id: 'added' })] : [{ ...text, version }]);
    }
    expect((await Promise.all(acks)).every((reply) => reply.ok)).toBe(true);

    resume();
    const board = new Map<string, SceneElement>();
    await waitFor(() => {
      board.clear();
      for (const update of updates) mergeElements(board, update.elements);
      return board.get('notes')?.version === version;
    }, 30_000);
    expect(board.has('added')).toBe(true);
    // Everything queued before the tab counted as behind, then what was held as one update.
    expect(updates.length).toBeLessThanOrEqual(sentBeforeHolding + 1);
    expect(updates.at(-1)!.elements.filter((element) => element.id === 'notes')).toEqual([
      expect.objectContaining({ version }),
    ]);
  });

  it('never sends a peer that is behind a copy the server refused, after telling it to take the copy back', async () => {
    const sender = await room.joined(room.host);
    const slow = await aSlowGuest();
    await expectNoRefusedCopyAfterRestore({
      sender,
      slow,
      sessionId: room.sessionId,
      dataSource: room.server.dataSource,
    });
  });

  it('sends a peer that is behind the strokes made before a change of the room, then the change', async () => {
    const sender = await room.joined(room.host);
    const slow = await aSlowGuest();
    await expectHeldStrokesBeforeStateChange({
      sender,
      slow,
      sessionId: room.sessionId,
      dataSource: room.server.dataSource,
    });
  });
});

import { PointerBroadcastSchema, ROOM_LIMITS, ViewportBroadcastSchema } from '@mockboard/contracts';
import type { Socket } from 'socket.io-client';
import { LoopLateness } from '../src/realtime/loop-lateness';
import { CollabClient } from './support/collab-client';
import { call, next, waitFor } from './support/room-client';
import { liveRoomStage } from './support/room-stage';

/**
 * What a partner receives of a cursor or a view is exactly what the contracts name, nothing more.
 * One instance's JSON drops an undefined field on its own; the case this cannot reach, msgpack
 * through the Redis adapter turning one into null, is why the gateway adds the selection only when sent.
 */
describe('cursors and views in the live room', () => {
  const room = liveRoomStage();

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** A cursor of the live session at x, as a client sends it. */
  const aCursor = (x: number, button: 'up' | 'down' = 'up', tool: 'pointer' | 'laser' = 'pointer') => ({
    sessionId: room.sessionId,
    pointer: { x, y: 0, tool },
    button,
  });

  /** Runs `work` with the host in the room through the web app's CollabClient, closed after it. */
  const withTheHostsCollabClient = async (work: (host: CollabClient) => Promise<void>): Promise<void> => {
    const host = new CollabClient({
      sessionId: room.sessionId,
      url: room.server.url,
      token: room.host.accessToken,
      socketOptions: { transports: ['websocket'] },
    });
    try {
      await host.connect();
      await work(host);
    } finally {
      host.close();
    }
  };

  /** The x of each cursor `socket` receives, with its button, in order. */
  const cursorsSeenBy = (socket: Socket): string[] => {
    const seen: string[] = [];
    socket.on('pointer:update', (cursor: { pointer: { x: number }; button: string }) =>
      seen.push(`${cursor.pointer.x} ${cursor.button}`),
    );
    return seen;
  };

  it('relays a cursor with the sender and its selection, and one without a selection without the field', async () => {
    const a = await room.joined(room.host);
    const b = await room.joined(room.guest);
    const cursor = { sessionId: room.sessionId, pointer: { x: 10, y: 20, tool: 'laser' }, button: 'down' };
    const sender = { userId: room.host.user.id, displayName: room.host.user.displayName };

    const selected = next<unknown>(b, 'pointer:update');
    a.emit('pointer:update', { ...cursor, selectedElementIds: { 'rect-1': true } });
    const withSelection = PointerBroadcastSchema.parse(await selected);
    expect(withSelection).toMatchObject({ ...cursor, ...sender, selectedElementIds: { 'rect-1': true } });

    // On a busy server this one is held for up to 200 ms (PointerShedding), then relayed.
    const plain = next<Record<string, unknown>>(b, 'pointer:update');
    a.emit('pointer:update', cursor);
    const received = await plain;
    expect(PointerBroadcastSchema.parse(received)).toMatchObject({ ...cursor, ...sender });
    expect(Object.keys(received)).not.toContain('selectedElementIds');
  });

  it('relays no cursor whose selection is past the limit, as no other malformed cursor', async () => {
    const a = await room.joined(room.host);
    const b = await room.joined(room.guest);
    const seen = cursorsSeenBy(b);
    const cursor = (x: number, ids: number) => ({
      ...aCursor(x),
      selectedElementIds: Object.fromEntries(Array.from({ length: ids }, (_, i) => [`element-${i}`, true])),
    });
    a.emit('pointer:update', cursor(1, ROOM_LIMITS.maxSelectedElements + 1));
    a.emit('pointer:update', { ...cursor(2, 1), selectedElementIds: { ['x'.repeat(65)]: true } });
    a.emit('pointer:update', cursor(3, ROOM_LIMITS.maxSelectedElements));
    await waitFor(() => seen.length > 0);
    await sleep(300);
    expect(seen).toEqual(['3 up']);
  });

  it('relays a view with the sender', async () => {
    const a = await room.joined(room.host);
    const b = await room.joined(room.guest);
    const view = {
      sessionId: room.sessionId,
      viewport: { scrollX: -40, scrollY: 12, zoom: 1.5, width: 1280, height: 720 },
    };
    const relayed = next<unknown>(b, 'viewport:update');
    a.emit('viewport:update', view);
    expect(ViewportBroadcastSchema.parse(await relayed)).toEqual({ ...view, userId: room.host.user.id });
  });

  it("sends a cursor's release even while the connection is busy, where a move may be dropped", async () => {
    await withTheHostsCollabClient(async (host) => {
      const b = await room.joined(room.guest);
      const seen = cursorsSeenBy(b);
      const view = { scrollX: 0, scrollY: 0, zoom: 1, width: 800, height: 600 };
      /** Sends a cursor in the same task as another message, as a stroke's end sends its last update. */
      const sendWhileBusy = (x: number, button: 'up' | 'down') => {
        host.socket.emit('viewport:update', { sessionId: room.sessionId, viewport: view });
        host.sendPointer({ x, y: 0, tool: 'laser' }, button);
      };

      host.sendPointer({ x: 1, y: 0, tool: 'laser' }, 'down');
      await waitFor(() => seen.includes('1 down'));
      // Past the client's 50 ms between cursors, so each of these goes at once.
      await sleep(100);
      sendWhileBusy(2, 'down');
      await sleep(100);
      sendWhileBusy(3, 'up');
      await waitFor(() => seen.includes('3 up'));
      // The move sent while busy was dropped (socket.io's volatile): the case this test is about.
      expect(seen).toEqual(['1 down', '3 up']);
    });
  });

  it("relays a quick laser click whole, though its press and release fall within the client's 50 ms", async () => {
    await withTheHostsCollabClient(async (host) => {
      const b = await room.joined(room.guest);
      const seen = cursorsSeenBy(b);
      const laser = (x: number) => ({ x, y: 0, tool: 'laser' as const });
      host.sendPointer(laser(1), 'up');
      // Within the 50 ms after the first: each would wait, and the release replace the press.
      host.sendPointer(laser(2), 'down');
      host.sendPointer(laser(3), 'up');
      await waitFor(() => seen.includes('3 up'));
      expect(seen).toEqual(['1 up', '2 down', '3 up']);
    });
  });

  describe('while the server is short of CPU', () => {
    /**
     * Holds this process's event loop (the server runs in it) for 120 ms five times, between
     * which LoopLateness samples it late: then the server counts as short of CPU and thins cursors
     * (PointerShedding). Answers whether it does, read just before the cursors are sent.
     */
    const strainTheServersLoop = async (): Promise<boolean> => {
      for (let block = 0; block < 5; block++) {
        const until = Date.now() + 120;
        while (Date.now() < until);
        await sleep(10);
      }
      return room.server.app.get(LoopLateness).lateSamples(20) >= 3;
    };

    /** Strains the loop, then sends a cursor at x 1, relayed at once, and one at x 2, held. */
    const sendOneRelayedAndOneHeld = async (socket: Socket): Promise<void> => {
      expect(await strainTheServersLoop()).toBe(true);
      socket.emit('pointer:update', aCursor(1));
      socket.emit('pointer:update', aCursor(2));
    };

    it('shows the partner where the cursor came to rest, and a laser released as released', async () => {
      const a = await room.joined(room.host);
      const b = await room.joined(room.guest);
      const seen = cursorsSeenBy(b);
      const cursor = (x: number, button: 'up' | 'down') => aCursor(x, button, 'laser');

      expect(await strainTheServersLoop()).toBe(true);
      // A laser stroke sent at once, then a move that ends at x = 9.
      for (const x of [1, 2, 3]) a.emit('pointer:update', cursor(x, 'up'));
      for (const x of [4, 5]) a.emit('pointer:update', cursor(x, 'down'));
      for (const x of [6, 7, 8, 9]) a.emit('pointer:update', cursor(x, 'up'));

      // The press and the release go out at once; the last move when its 200 ms are up.
      await sleep(600);
      expect(seen).toEqual(expect.arrayContaining(['1 up', '4 down', '6 up']));
      expect(seen.indexOf('4 down')).toBeLessThan(seen.indexOf('6 up'));
      expect(seen.at(-1)).toBe('9 up');
      // The moves in between were thinned (all nine were read within far less than 200 ms).
      expect(seen).not.toContain('8 up');
    });

    it('sends no cursor held back before the socket joined again, after the newer ones', async () => {
      const a = await room.joined(room.host);
      const b = await room.joined(room.guest);
      const seen = cursorsSeenBy(b);

      await sendOneRelayedAndOneHeld(a);
      // A join asked again (its first answer timed out, say): its first cursor goes at once.
      expect(await call(a, 'session:join', { sessionId: room.sessionId })).toMatchObject({ ok: true });
      a.emit('pointer:update', aCursor(3));
      await waitFor(() => seen.includes('3 up'));
      await sleep(400);
      expect(seen.at(-1)).toBe('3 up');
    });

    it('sends no cursor held back for a person who left meanwhile', async () => {
      const a = await room.joined(room.host);
      const b = await room.joined(room.guest);
      const seen = cursorsSeenBy(b);

      await sendOneRelayedAndOneHeld(a);
      expect(await call(a, 'session:depart', { sessionId: room.sessionId })).toEqual({ ok: true });
      await sleep(600);
      expect(seen).toEqual(['1 up']);
    });
  });
});

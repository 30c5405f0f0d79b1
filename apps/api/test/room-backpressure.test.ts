import type { Server } from 'socket.io';
import type { Socket } from 'socket.io-client';
import { ROOM_LIMITS, type JoinAck } from '@mockboard/contracts';
import { ACK_TIMEOUT_MS, MAX_UNANSWERED_BATCHES } from '@mockboard/collab';
import { CollabClient } from './support/collab-client';
import { aRectangle, call, waitFor } from './support/room-client';
import { liveRoomStage } from './support/room-stage';
import { SCENE_LOCK_CLASS } from '../src/room/scene-batch.repository';
import { SceneWriter } from '../src/room/scene-writer';
import { RoomGateway } from '../src/room/room.gateway';
import { SocketReads } from '../src/realtime/socket-reads';
import {
  IN_FLIGHT_BYTES_PER_SOCKET,
  IN_FLIGHT_PER_SOCKET,
  MAX_HOLD_MS,
  SceneBackpressure,
} from '../src/room/scene-backpressure';

const UPDATES = 30;

/**
 * Issue 18: when the database is slow, a client sending at 10 Hz is never refused; its acks wait,
 * the partner still gets every stroke at once, and the writer stores one copy per element per batch.
 */
describe('scene updates while the writer is stalled', () => {
  const room = liveRoomStage();

  /**
   * Holds the writer's lock on the session (lockScenes), which stalls the writer; on the embedded
   * database, its only connection.
   */
  async function stallWriter(sessionId: string): Promise<() => Promise<void>> {
    const runner = room.server.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [SCENE_LOCK_CLASS, sessionId]);
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      await runner.commitTransaction();
      await runner.release();
    };
    stalls.push(release);
    return release;
  }
  /** A failed test's stall ends with it: on the embedded database it holds the only connection. */
  const stalls: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const release of stalls.splice(0)) await release();
  });

  const sendAt10Hz = async (socket: Socket, count: number) => {
    const acks: Promise<unknown>[] = [];
    for (let version = 1; version <= count; version += 1) {
      const elements = [
        aRectangle({ id: 'dragged', version, x: version * 10 }),
        aRectangle({ id: `dot-${version}`, version: 1 }),
      ];
      acks.push(socket.timeout(60_000).emitWithAck('scene:update', { sessionId: room.sessionId, elements }));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return acks;
  };

  /**
   * An event any read answers at once (the server does not know it): whether it was answered shows
   * whether the sender has been read since.
   */
  const probeReads = (sender: Socket) => {
    let answered = false;
    const answer = sender
      .timeout(60_000)
      .emitWithAck('probe:read', {})
      .finally(() => (answered = true));
    return {
      answer,
      get answered() {
        return answered;
      },
    };
  };

  it('acks every update once stored, relays each at once, and coalesces the repeated element', async () => {
    const writer = room.server.app.get(SceneWriter);
    const sender = await room.joined(room.host);
    const partner = await room.joined(room.guest);
    const relayed: number[] = [];
    partner.on('scene:update', (payload: { elements: { id: string; version: number }[] }) => {
      const dragged = payload.elements.find((element) => element.id === 'dragged');
      if (dragged) relayed.push(dragged.version);
    });
    const coalescedBefore = writer.coalescedCopies;
    let answered = 0;

    const release = await stallWriter(room.sessionId);
    const acks = (await sendAt10Hz(sender, UPDATES)).map((ack) => ack.finally(() => (answered += 1)));
    // Relayed while nothing could be stored; no ack (neither a refusal) came before the commit.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(relayed).toEqual(Array.from({ length: UPDATES }, (_, index) => index + 1));
    expect(answered).toBe(0);
    await release();

    const replies = await Promise.all(acks);
    expect(replies.every((reply) => (reply as { ok: boolean }).ok)).toBe(true);
    // The first update was taken alone at once (its batch waits on the lock); the 29 queued behind it hold 'dragged'
    // 29 times, and the batch writes it once.
    expect(writer.coalescedCopies - coalescedBefore).toBe(UPDATES - 2);
    const rows = (await room.server.dataSource.query(
      `SELECT element_id, version FROM scene_elements WHERE session_id = $1`,
      [room.sessionId],
    )) as { element_id: string; version: number }[];
    const stored = new Map(rows.map((row) => [row.element_id, row.version]));
    expect(stored.get('dragged')).toBe(UPDATES);
    for (let version = 1; version <= UPDATES; version += 1) expect(stored.get(`dot-${version}`)).toBe(1);
    // A late joiner sees the latest copy.
    const late = await room.open(room.host);
    const join = await call<JoinAck>(late, 'session:join', { sessionId: room.sessionId });
    expect(join.scene.elements.find((element) => element.id === 'dragged')?.version).toBe(UPDATES);
  }, 60_000);

  it('stops reading a sender past its allowance, reads it again while the stall lasts, and loses nothing', async () => {
    const backpressure = room.server.app.get(SceneBackpressure);
    const sender = await room.joined(room.host);
    const partner = await room.joined(room.guest);
    const relayed: string[] = [];
    partner.on('scene:update', (payload: { elements: { id: string }[] }) =>
      relayed.push(...payload.elements.map((element) => element.id)),
    );
    const sent = IN_FLIGHT_PER_SOCKET + 26;
    const ids = Array.from({ length: sent }, (_, index) => `stroke-${index + 1}`);
    let answered = 0;

    const release = await stallWriter(room.sessionId);
    const acks: Promise<unknown>[] = [];
    // At the web client's pace (20 Hz), well within the socket's rate limit.
    for (const id of ids) {
      const ack = sender.timeout(60_000).emitWithAck('scene:update', {
        sessionId: room.sessionId,
        elements: [aRectangle({ id, version: 1 })],
      });
      acks.push(ack.finally(() => (answered += 1)));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const probe = probeReads(sender);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Past its allowance the server stopped reading the sender: the strokes after it, and the
    // probe behind them, wait in the connection; those taken were relayed at once, in order.
    expect(backpressure.waiting).toBe(IN_FLIGHT_PER_SOCKET);
    expect(relayed).toEqual(ids.slice(0, IN_FLIGHT_PER_SOCKET));
    expect(probe.answered).toBe(false);

    // The stall outlasts MAX_HOLD_MS: the server reads the sender again and relays the rest, in order.
    await waitFor(() => relayed.length === sent, MAX_HOLD_MS + 2_000);
    expect(relayed).toEqual(ids);
    expect(await probe.answer).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(answered).toBe(0);
    await release();

    const replies = await Promise.all(acks);
    expect(replies.every((reply) => (reply as { ok: boolean }).ok)).toBe(true);
    const rows = (await room.server.dataSource.query(
      `SELECT count(*)::int AS stored FROM scene_elements WHERE session_id = $1 AND element_id LIKE 'stroke-%'`,
      [room.sessionId],
    )) as { stored: number }[];
    expect(rows[0]!.stored).toBe(sent);
    expect(backpressure.waiting).toBe(0);
  }, 60_000);

  /** The longest stroke a pen draws (20,000 points and pressures at full precision): ~1.2 MB of JSON. */
  const aLongPenStroke = (id: string) => ({
    ...aRectangle({ id, version: 1 }),
    type: 'freedraw',
    points: Array.from({ length: 20_000 }, (_, i) => [i + Math.random(), Math.random() * 500]),
    pressures: Array.from({ length: 20_000 }, () => Math.random()),
    simulatePressure: false,
    lastCommittedPoint: null,
  });

  it.each(['websocket', 'polling'] as const)(
    'stops reading a sender whose few large updates outweigh its allowance, and stores them all once the writer moves (%s)',
    async (transport) => {
      const backpressure = room.server.app.get(SceneBackpressure);
      // On long-polling (a proxy that refuses websockets) a POST is left unanswered instead.
      const sender = await room.joined(room.host, transport);
      const partner = await room.joined(room.guest);
      const relayed: string[] = [];
      partner.on('scene:update', (payload: { elements: { id: string }[] }) =>
        relayed.push(...payload.elements.map((element) => element.id)),
      );
      // Eight: 9.6 MB, within the scene's cap (ROOM_LIMITS.maxSceneBytes).
      const ids = Array.from({ length: 8 }, (_, index) => `pasted-${index + 1}`);

      const release = await stallWriter(room.sessionId);
      const acks: Promise<unknown>[] = [];
      for (const id of ids) {
        const element = aLongPenStroke(id);
        acks.push(
          sender
            .timeout(60_000)
            .emitWithAck('scene:update', { sessionId: room.sessionId, elements: [element] }),
        );
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // Sent once the server holds the sender (it read a stroke past the allowance): a probe read
      // together with that stroke, in one POST or one read of the websocket, would be answered.
      const io = (room.server.app.get(RoomGateway) as unknown as { server: Server }).server;
      const onServer = io.sockets.sockets.get(sender.id ?? '')!;
      await waitFor(() => room.server.app.get(SocketReads).isHeld(onServer), 5_000);
      const probe = probeReads(sender);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Far fewer than its allowance of updates, but their weight reached its allowance of bytes.
      const taken = backpressure.waiting;
      expect(taken).toBeGreaterThanOrEqual(IN_FLIGHT_BYTES_PER_SOCKET / ROOM_LIMITS.maxElementBytes);
      expect(taken).toBeLessThan(ids.length);
      expect(backpressure.waitingBytes).toBeGreaterThanOrEqual(IN_FLIGHT_BYTES_PER_SOCKET);
      expect(backpressure.waitingBytes).toBeLessThan(
        IN_FLIGHT_BYTES_PER_SOCKET + ROOM_LIMITS.maxMessageBytes,
      );
      // Those taken were relayed at once: ~1.2 MB each, they may still be on their way.
      await waitFor(() => relayed.length >= taken, 5_000);
      expect(relayed).toEqual(ids.slice(0, taken));
      expect(probe.answered).toBe(false);

      await release();
      const replies = await Promise.all(acks);
      expect(replies.every((reply) => (reply as { ok: boolean }).ok)).toBe(true);
      // The last ones were relayed as the first were answered: ~1.2 MB each, still on their way.
      await waitFor(() => relayed.length === ids.length, 10_000);
      expect(relayed).toEqual(ids);
      expect(await probe.answer).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      const rows = (await room.server.dataSource.query(
        `SELECT count(*)::int AS stored FROM scene_elements WHERE session_id = $1 AND element_id LIKE 'pasted-%'`,
        [room.sessionId],
      )) as { stored: number }[];
      expect(rows[0]!.stored).toBe(ids.length);
      expect(backpressure.waitingBytes).toBe(0);
    },
    60_000,
  );

  it('a drawing client sends few unanswered batches while nothing is stored, and its partner gets the board as it is once it is', async () => {
    const partner = await room.joined(room.guest);
    const received: { version: number }[][] = [];
    partner.on('scene:update', (payload: { elements: { id: string; version: number }[] }) =>
      received.push(payload.elements.filter((element) => element.id === 'dragged')),
    );
    const drawer = new CollabClient({
      sessionId: room.sessionId,
      url: room.server.url,
      token: room.host.accessToken,
      socketOptions: { transports: ['websocket'] },
    });
    let sent = 0;
    drawer.socket.onAnyOutgoing((event: string) => {
      if (event === 'scene:update') sent += 1;
    });
    try {
      await drawer.connect();
      const release = await stallWriter(room.sessionId);
      const stalledAt = Date.now();
      // A box dragged for three seconds: an edit every 50 ms, as fast as the client sends.
      const edits = 60;
      for (let version = 1; version <= edits; version += 1) {
        drawer.sendElements([aRectangle({ id: 'dragged', version, x: version * 5 })]);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Nothing was answered: the client stopped at its limit, its later steps coalesced.
      expect(received).toHaveLength(MAX_UNANSWERED_BATCHES);
      expect(drawer.pendingCount).toBe(1);
      // Past a command's timeout, the client still waits for the batches the database holds up:
      // when they timed out at 10 s, each freed its place and the client sent more, and sent
      // again the ones whose copies had not been replaced since.
      await new Promise((resolve) => setTimeout(resolve, stalledAt + ACK_TIMEOUT_MS + 3_000 - Date.now()));
      expect(sent).toBe(MAX_UNANSWERED_BATCHES);
      expect(received).toHaveLength(MAX_UNANSWERED_BATCHES);

      await release();
      await waitFor(() => drawer.pendingCount === 0, 10_000);
      // Once answered, the next batch carried the box where it is now, not the steps between.
      await waitFor(() => received.at(-1)?.[0]?.version === edits, 5_000);
      expect(received.length).toBeLessThan(MAX_UNANSWERED_BATCHES + 4);
      const rows = (await room.server.dataSource.query(
        `SELECT version FROM scene_elements WHERE session_id = $1 AND element_id = 'dragged'`,
        [room.sessionId],
      )) as { version: number }[];
      expect(rows).toEqual([{ version: edits }]);
    } finally {
      drawer.close();
    }
  }, 90_000);
});

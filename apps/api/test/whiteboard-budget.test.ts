import request from 'supertest';
import { REPLAY_PAGE, ROOM_LIMITS, type ReplayEntry, type ReplayResponse } from '@mockboard/contracts';
import { signUp } from './support/factories';
import { aRectangle, call, next } from './support/room-client';
import { aLargeLog, aSceneUsage, sceneUsageOf } from './support/room-factories';
import { liveRoomStage } from './support/room-stage';
import { WhiteboardBudget1764700000000 } from '../src/database/migrations/1764700000000-whiteboard-budget';

/**
 * Issue 11: the whiteboard's storage is bounded per session (scene and log budgets, coalesced
 * log), and its replay is served in pages of bounded size whatever the log holds.
 */
describe('the whiteboard’s storage budget and paged replay', () => {
  const room = liveRoomStage();
  const { joined } = room;
  const page = async (query: Record<string, string | number> = {}, user = room.guest) =>
    (
      await request(room.server.url)
        .get(`/api/sessions/${room.sessionId}/replay`)
        .query(query)
        .set(user.bearer)
        .expect(200)
    ).body as ReplayResponse;
  const elementBytes = (entries: readonly ReplayEntry[]) =>
    entries.reduce(
      (sum, entry) => sum + (entry.element ? Buffer.byteLength(JSON.stringify(entry.element)) : 0),
      0,
    );

  it('answers too_large naming the full budget, and gives peers the stored copy back', async () => {
    const a = await joined(room.host);
    const b = await joined(room.guest);
    const box = aRectangle();
    expect(await call(a, 'scene:update', { sessionId: room.sessionId, elements: [box] })).toMatchObject({
      ok: true,
    });
    await aSceneUsage(room.server.dataSource, room.sessionId, { sceneBytes: ROOM_LIMITS.maxSceneBytes });
    const seen: { elements: { id: string; version: number }[] }[] = [];
    b.on('scene:update', (update) => seen.push(update));
    const restored = next<{ stored: { version: number }[] }>(b, 'scene:restore');

    const refused = await call(a, 'scene:update', {
      sessionId: room.sessionId,
      elements: [{ ...box, version: 2, width: 123_456.789 }],
    });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'too_large',
        budget: 'scene',
        message:
          'The whiteboard is full: its elements may take up 10 MB; delete or simplify some before adding more',
      },
    });
    expect(seen.map((update) => update.elements.map((element) => element.version))).toEqual([[2]]);
    expect((await restored).stored.map((element) => element.version)).toEqual([1]);
    const rejoin = await call<{ scene: { elements: { version: number }[] } }>(a, 'session:join', {
      sessionId: room.sessionId,
    });
    expect(rejoin.scene.elements.map((element) => element.version)).toEqual([1]);

    await aSceneUsage(room.server.dataSource, room.sessionId, { logBytes: ROOM_LIMITS.maxLogBytes });
    const logFull = await call<{ error: { code: string; budget: string; message: string } }>(
      a,
      'scene:update',
      {
        sessionId: room.sessionId,
        elements: [aRectangle()],
      },
    );
    expect(logFull.error).toMatchObject({ code: 'too_large', budget: 'log' });
    expect(logFull.error.message).toMatch(/change history is full \(50 MB\)/);
  });

  it('keeps one log entry for an element dragged in quick moves, the last, and counts what is kept', async () => {
    const a = await joined(room.host);
    const b = await joined(room.guest);
    const box = aRectangle();
    const moves = [1, 2, 3, 4, 5, 6, 7, 8].map((version) => ({ ...box, version, x: 10 * version }));
    const acks = await Promise.all(
      moves.map((move) => call(a, 'scene:update', { sessionId: room.sessionId, elements: [move] })),
    );
    expect(acks.every((ack) => ack.ok === true)).toBe(true);
    const other = aRectangle();
    await call(b, 'scene:update', {
      sessionId: room.sessionId,
      elements: [{ ...box, version: 9, x: 90 }, other],
    });

    const { entries } = await page();
    expect(
      entries.map((entry) => `${entry.element?.id === box.id ? 'box' : 'other'}@${entry.element?.version}`),
    ).toEqual([
      'box@8',
      'box@9', // another author's change is never merged into the first one's
      `other@${other.version}`,
    ]);
    expect((await sceneUsageOf(room.server.dataSource, room.sessionId)).logBytes).toBe(elementBytes(entries));
  });

  it('serves a large log in pages of bounded size whose concatenation is the whole log, in order', async () => {
    const seqs = await aLargeLog(room.server.dataSource, room.sessionId, {
      entries: 6_000,
      elementBytes: 1_500,
      phaseEvery: 400,
    });

    const pages: ReplayResponse[] = [];
    let cursor: string | null = null;
    do {
      const next: ReplayResponse = await page(cursor ? { after: cursor } : {});
      pages.push(next);
      cursor = next.nextCursor;
    } while (cursor !== null && pages.length < 100);

    expect(pages.length).toBeGreaterThan(3); // 9 MB of elements cannot fit a page
    for (const { entries } of pages) {
      expect(entries.length).toBeLessThanOrEqual(REPLAY_PAGE.defaultLimit);
      expect(elementBytes(entries)).toBeLessThanOrEqual(REPLAY_PAGE.maxPageBytes);
    }
    expect(pages.flatMap((each) => each.entries.map((entry) => entry.seq))).toEqual(seqs);
    expect(pages.flatMap((each) => each.entries.filter((entry) => entry.kind === 'phase'))).toHaveLength(15);
    expect(pages[0]!.total).toBe(6_000);
    expect(pages.at(-1)!.nextCursor).toBeNull();

    const small = await page({ limit: 250, after: pages[0]!.nextCursor! });
    expect(small.entries).toHaveLength(250);
    expect(small.entries[0]!.seq).toBe(seqs[pages[0]!.entries.length]);
    expect(small.total).toBeNull();
  }, 120_000);

  it('answers a bad cursor or page size with 400, and a stranger with 404', async () => {
    const refused = async (query: Record<string, string>) =>
      (
        await request(room.server.url)
          .get(`/api/sessions/${room.sessionId}/replay`)
          .query(query)
          .set(room.guest.bearer)
          .expect(400)
      ).body as { message: string };
    expect((await refused({ after: 'abc' })).message).toMatch(/after/);
    expect((await refused({ limit: '100000' })).message).toMatch(/limit/);
    expect((await refused({ limit: '0' })).message).toMatch(/limit/);
    const stranger = await signUp(room.server.url);
    await request(room.server.url)
      .get(`/api/sessions/${room.sessionId}/replay`)
      .set(stranger.bearer)
      .expect(404);
  });

  it('counts the scene and the log of sessions that existed before the budgets (migration)', async () => {
    const a = await joined(room.host);
    const box = aRectangle();
    await call(a, 'scene:update', { sessionId: room.sessionId, elements: [box] });
    await call(a, 'scene:update', { sessionId: room.sessionId, elements: [{ ...box, version: 2, x: 5 }] });
    await call(a, 'session:phase', { sessionId: room.sessionId, phase: 'estimation' });
    const migration = new WhiteboardBudget1764700000000();
    const runner = room.server.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }

    const [expected] = (await room.server.dataSource.query(
      `SELECT (SELECT sum(octet_length(data::text))::int FROM scene_elements WHERE session_id = $1) AS scene,
              (SELECT sum(octet_length(element::text))::int FROM room_events WHERE session_id = $1) AS log`,
      [room.sessionId],
    )) as [{ scene: number; log: number }];
    expect(expected.scene).toBeGreaterThan(0);
    expect(await sceneUsageOf(room.server.dataSource, room.sessionId)).toEqual({
      sceneBytes: expected.scene,
      logBytes: expected.log,
    });
  });
});

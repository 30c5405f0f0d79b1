import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Socket } from 'socket.io-client';
import { ROOM_LIMITS, SOCKET_RATE_LIMITS, type ReplayResponse } from '@mockboard/contracts';
import { signUp } from './support/factories';
import { aCheckedRectangle, aRectangle, call, next, waitFor } from './support/room-client';
import { IDLE_AFTER_MS, RoomPresence } from '../src/room/room-presence';
import { SceneWriter } from '../src/room/scene-writer';
import { SchedulingSweeper } from '../src/scheduling/scheduling-sweeper.service';
import { watchRateBudget } from './support/rate-budget';
import { liveRoomStage } from './support/room-stage';

/** The presence news (`joined`, `left`, …) `socket` hears of `userId` from now on, in order. */
function presenceHeard(socket: Socket, userId: string): string[] {
  const heard: string[] = [];
  socket.on('presence', (event: { userId: string; state: string }) => {
    if (event.userId === userId) heard.push(event.state);
  });
  return heard;
}

/** Admins, who may observe any open room (and are shown to its participants while there). */
const ROOM_ADMIN_EMAIL = 'room-admin@example.test';
const NOTES_WATCHER_EMAIL = 'notes-watcher@example.test';

describe('the live room', () => {
  const room = liveRoomStage({ ADMIN_EMAILS: `${ROOM_ADMIN_EMAIL},${NOTES_WATCHER_EMAIL}` });
  const { open } = room;

  it('lets two peers join and see each other’s strokes', async () => {
    const a = await open(room.host);
    const b = await open(room.guest);
    const joinA = await call(a, 'session:join', { sessionId: room.sessionId });
    expect(joinA).toMatchObject({ ok: true, role: 'interviewer', round: 1 });
    const joinB = await call(b, 'session:join', { sessionId: room.sessionId });
    expect(joinB).toMatchObject({ ok: true, role: 'candidate' });

    const rectangle = aRectangle();
    const seen = next<{ elements: { id: string }[] }>(b, 'scene:update');
    const ack = await call<{ ok: boolean; version: number }>(a, 'scene:update', {
      sessionId: room.sessionId,
      elements: [rectangle],
    });
    expect(ack.ok).toBe(true);
    expect((await seen).elements.map((element) => element.id)).toEqual([rectangle.id]);
  });

  it('gives the interviewer the guide and the candidate only the statement', async () => {
    const a = await open(room.host);
    const b = await open(room.guest);
    const interviewer = await call<{ prompt: { guide: unknown } }>(a, 'session:join', {
      sessionId: room.sessionId,
    });
    const candidate = await call<{ prompt: { guide: unknown } }>(b, 'session:join', {
      sessionId: room.sessionId,
    });
    expect(interviewer.prompt.guide).not.toBeNull();
    expect(candidate.prompt.guide).toBeNull();
  });

  it('refuses a non-participant with forbidden and tells them nothing about the room', async () => {
    const stranger = await signUp(room.server.url);
    const socket = await open(stranger);
    const ack = await call<{ ok: boolean; error: { code: string; message: string } }>(
      socket,
      'session:join',
      {
        sessionId: room.sessionId,
      },
    );
    expect(ack).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'You are not a participant of this session' },
    });
    const update = await call<{ ok: boolean; error: { code: string } }>(socket, 'scene:update', {
      sessionId: room.sessionId,
      elements: [aRectangle()],
    });
    expect(update.error.code).toBe('forbidden');
  });

  it('rejects malformed elements with an error ack and keeps the stored scene intact', async () => {
    const a = await open(room.host);
    await call(a, 'session:join', { sessionId: room.sessionId });
    const good = aRectangle();
    await call(a, 'scene:update', { sessionId: room.sessionId, elements: [good] });
    const bad = await call<{ ok: boolean; error: { code: string; message: string } }>(a, 'scene:update', {
      sessionId: room.sessionId,
      elements: [aRectangle({ version: 'seven' })],
    });
    expect(bad.error.code).toBe('bad_request');
    expect(bad.error.message).toMatch(/^elements\.0\.version:/);
    const rejoined = await call<{ scene: { elements: { id: string }[] } }>(a, 'session:join', {
      sessionId: room.sessionId,
    });
    expect(rejoined.scene.elements.map((element) => element.id)).toEqual([good.id]);
  });

  it('gives a late joiner the merged scene, tombstones included, and never resurrects a deleted element', async () => {
    const a = await open(room.host);
    await call(a, 'session:join', { sessionId: room.sessionId });
    const rectangle = aRectangle();
    await call(a, 'scene:update', { sessionId: room.sessionId, elements: [rectangle] });
    await call(a, 'scene:update', {
      sessionId: room.sessionId,
      elements: [{ ...rectangle, version: 2, isDeleted: true }],
    });
    await call(a, 'scene:update', { sessionId: room.sessionId, elements: [{ ...rectangle, version: 1 }] });

    const b = await open(room.guest);
    const join = await call<{ scene: { elements: { id: string; isDeleted: boolean; version: number }[] } }>(
      b,
      'session:join',
      { sessionId: room.sessionId },
    );
    expect(join.scene.elements).toEqual([
      expect.objectContaining({ id: rectangle.id, isDeleted: true, version: 2 }),
    ]);
  });

  it('converges when both peers edit one element at once', async () => {
    const a = await open(room.host);
    const b = await open(room.guest);
    await call(a, 'session:join', { sessionId: room.sessionId });
    await call(b, 'session:join', { sessionId: room.sessionId });
    const rectangle = aRectangle();
    await call(a, 'scene:update', { sessionId: room.sessionId, elements: [rectangle] });
    const fromA = { ...rectangle, version: 2, versionNonce: 900, x: 111 };
    const fromB = { ...rectangle, version: 2, versionNonce: 100, x: 222 };
    await Promise.all([
      call(a, 'scene:update', { sessionId: room.sessionId, elements: [fromA] }),
      call(b, 'scene:update', { sessionId: room.sessionId, elements: [fromB] }),
    ]);
    for (const socket of [a, b]) {
      const join = await call<{ scene: { elements: { x: number }[] } }>(socket, 'session:join', {
        sessionId: room.sessionId,
      });
      expect(join.scene.elements[0]?.x).toBe(222);
    }
  });

  it('returns the replay in order: strokes, then the phase change', async () => {
    const a = await open(room.host);
    await call(a, 'session:join', { sessionId: room.sessionId });
    const first = aRectangle();
    const second = aRectangle();
    await call(a, 'scene:update', { sessionId: room.sessionId, elements: [first] });
    await call(a, 'scene:update', { sessionId: room.sessionId, elements: [second] });
    const phase = await call<{ ok: boolean }>(a, 'session:phase', {
      sessionId: room.sessionId,
      phase: 'estimation',
    });
    expect(phase.ok).toBe(true);

    const replay: ReplayResponse = (
      await request(room.server.url)
        .get(`/api/sessions/${room.sessionId}/replay`)
        .set(room.guest.bearer)
        .expect(200)
    ).body;
    expect(replay.entries.map((entry) => entry.element?.id ?? entry.phase)).toEqual([
      first.id,
      second.id,
      'estimation',
    ]);
    const seqs = replay.entries.map((entry) => entry.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    const stranger = await signUp(room.server.url);
    await request(room.server.url)
      .get(`/api/sessions/${room.sessionId}/replay`)
      .set(stranger.bearer)
      .expect(404);
  });

  it('ends the interview only once both participants have been in the room, then freezes the board', async () => {
    const a = await open(room.host);
    await call(a, 'session:join', { sessionId: room.sessionId });
    const early = await call<{ ok: boolean; error: { code: string; message: string } }>(a, 'session:end', {
      sessionId: room.sessionId,
    });
    expect(early.error).toEqual({
      code: 'conflict',
      message: expect.stringMatching(/Both of you need to have joined/),
    });

    const b = await open(room.guest);
    await call(b, 'session:join', { sessionId: room.sessionId });
    expect(await call(a, 'session:end', { sessionId: room.sessionId })).toMatchObject({
      ok: true,
      state: { status: 'scoring' },
    });
    const late = await call<{ ok: boolean; error: { code: string } }>(b, 'scene:update', {
      sessionId: room.sessionId,
      elements: [aRectangle()],
    });
    expect(late.error.code).toBe('conflict');
    const phase = await call<{ ok: boolean; error: { code: string } }>(a, 'session:phase', {
      sessionId: room.sessionId,
      phase: 'wrap-up',
    });
    expect(phase.error.code).toBe('conflict');

    // Ended early, it no longer holds the booked time: either of them may offer it again.
    const session = (
      await request(room.server.url).get(`/api/sessions/${room.sessionId}`).set(room.host.bearer).expect(200)
    ).body as { startsAt: string };
    for (const person of [room.host, room.guest])
      await request(room.server.url)
        .post('/api/slots')
        .set(person.bearer)
        .send({ startsAt: session.startsAt, format: 'single', hostRole: 'candidate' })
        .expect(201);
  });

  it('relays a stroke at once, and gives peers the stored copy back when the store refuses it', async () => {
    const a = await open(room.host);
    const b = await open(room.guest);
    await call(a, 'session:join', { sessionId: room.sessionId });
    await call(b, 'session:join', { sessionId: room.sessionId });
    const box = aRectangle();
    const seen: { elements: { id: string; version: number }[] }[] = [];
    a.on('scene:update', (update) => seen.push(update));
    expect(await call(b, 'scene:update', { sessionId: room.sessionId, elements: [box] })).toMatchObject({
      ok: true,
    });
    await call(a, 'session:end', { sessionId: room.sessionId });

    const restored = next<{ refused: unknown[]; stored: { version: number }[] }>(a, 'scene:restore');
    const late = await call<{ ok: boolean; error: { code: string } }>(b, 'scene:update', {
      sessionId: room.sessionId,
      elements: [{ ...box, version: 2 }],
    });
    expect(late.error.code).toBe('conflict');
    // The relay of each copy, then the stored copy that replaces the refused one.
    expect(seen.map((update) => update.elements.map((element) => element.version))).toEqual([[1], [2]]);
    expect(await restored).toMatchObject({
      refused: [{ id: box.id, version: 2, versionNonce: box.versionNonce }],
      stored: [{ id: box.id, version: 1 }],
    });
  });

  it('answers each size limit with too_large naming it, and stores nothing of the refused update', async () => {
    const a = await open(room.host);
    await call(a, 'session:join', { sessionId: room.sessionId });
    type Refusal = { ok: boolean; error: { code: string; message: string } };
    const tooMany = await call<Refusal>(a, 'scene:update', {
      sessionId: room.sessionId,
      elements: Array.from({ length: 501 }, () => aRectangle()),
    });
    expect(tooMany.error).toEqual({ code: 'too_large', message: 'Send at most 500 elements per update' });
    const bigElement = await call<Refusal>(a, 'scene:update', {
      sessionId: room.sessionId,
      elements: [
        aRectangle(),
        aRectangle({
          type: 'text',
          text: 'x'.repeat(ROOM_LIMITS.maxElementBytes - 1_000),
          originalText: 'x'.repeat(2_000),
        }),
      ],
    });
    expect(bigElement.error).toEqual({
      code: 'too_large',
      message: `elements.1 is larger than ${ROOM_LIMITS.maxElementBytes} bytes`,
    });
    const bigMessage = await call<Refusal>(a, 'scene:update', {
      sessionId: room.sessionId,
      elements: Array.from({ length: 20 }, () =>
        aRectangle({ type: 'text', text: 'y'.repeat(Math.ceil(ROOM_LIMITS.maxMessageBytes / 19)) }),
      ),
    });
    expect(bigMessage.error).toEqual({
      code: 'too_large',
      message: `A message is capped at ${ROOM_LIMITS.maxMessageBytes} bytes`,
    });

    const b = await open(room.guest);
    const joined = await call<{ scene: { elements: unknown[] } }>(b, 'session:join', {
      sessionId: room.sessionId,
    });
    expect(joined.scene.elements).toEqual([]);
  });

  it('relays what a peer’s screen shows to its partner, for follow mode, and nothing malformed', async () => {
    const a = await open(room.host);
    const b = await open(room.guest);
    await call(a, 'session:join', { sessionId: room.sessionId });
    await call(b, 'session:join', { sessionId: room.sessionId });
    const heard: unknown[] = [];
    b.on('viewport:update', (event) => heard.push(event));
    const viewport = { scrollX: -120, scrollY: 40.5, zoom: 1.5, width: 1280, height: 720 };
    a.emit('viewport:update', { sessionId: room.sessionId, viewport: { ...viewport, zoom: 0 } }); // below the minimum zoom
    a.emit('viewport:update', { sessionId: room.sessionId, viewport, extra: true });
    a.emit('viewport:update', { sessionId: room.sessionId, viewport });
    await waitFor(() => heard.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heard).toEqual([{ sessionId: room.sessionId, viewport, userId: room.host.user.id }]);
  });

  it('swaps roles once, however many ask at the same time', async () => {
    const a = await open(room.host);
    const b = await open(room.guest);
    await call(a, 'session:join', { sessionId: room.sessionId });
    await call(b, 'session:join', { sessionId: room.sessionId });
    const acks = await Promise.all([
      call<{ ok: boolean }>(a, 'session:swap', { sessionId: room.sessionId }),
      call<{ ok: boolean }>(b, 'session:swap', { sessionId: room.sessionId }),
    ]);
    expect(acks.filter((ack) => ack.ok)).toHaveLength(1);
    const replay: ReplayResponse = (
      await request(room.server.url)
        .get(`/api/sessions/${room.sessionId}/replay`)
        .set(room.host.bearer)
        .expect(200)
    ).body;
    expect(replay.entries.filter((entry) => entry.kind === 'round')).toHaveLength(1);
  });

  it('moves the clock no more once the session’s time ran out and the sweeper closed it', async () => {
    const a = await open(room.host);
    const b = await open(room.guest);
    await call(a, 'session:join', { sessionId: room.sessionId });
    await call(b, 'session:join', { sessionId: room.sessionId });
    await room.server.dataSource.query(
      `UPDATE sessions SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
      [room.sessionId],
    );
    await room.server.app.get(SchedulingSweeper).sweep(new Date());

    const asks: [string, object][] = [
      ['session:swap', { sessionId: room.sessionId }],
      ['session:phase', { sessionId: room.sessionId, phase: 'estimation' }],
    ];
    for (const [event, payload] of asks) {
      const refused = await call<{ ok: boolean; error: { code: string } }>(a, event, payload);
      expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    }
    // Round 2 never started: it stays marked as not having taken place.
    const [roundTwo] = (await room.server.dataSource.query(
      `SELECT skipped FROM session_rounds WHERE session_id = $1 AND number = 2`,
      [room.sessionId],
    )) as { skipped: boolean }[];
    expect(roundTwo?.skipped).toBe(true);
  });

  it('refuses text PostgreSQL cannot store (NUL, half a surrogate pair) and keeps serving', async () => {
    const a = await open(room.host);
    await call(a, 'session:join', { sessionId: room.sessionId });
    for (const text of ['bad\u0000byte', 'half \udc00 pair']) {
      const bad = await call<{ ok: boolean; error: { code: string } }>(a, 'scene:update', {
        sessionId: room.sessionId,
        elements: [aRectangle({ type: 'text', text })],
      });
      expect(bad.error.code).toBe('bad_request');
    }
    const fine = await call<{ ok: boolean }>(a, 'scene:update', {
      sessionId: room.sessionId,
      elements: [aRectangle()],
    });
    expect(fine.ok).toBe(true);
  });

  it('tells peers when someone goes idle and when they are back', async () => {
    const a = await open(room.host);
    const b = await open(room.guest);
    await call(a, 'session:join', { sessionId: room.sessionId });
    await call(b, 'session:join', { sessionId: room.sessionId });
    const presence = room.server.app.get(RoomPresence);
    const idle = next<{ userId: string; state: string; colour: string }>(b, 'presence');
    presence.markIdleSockets(Date.now() + IDLE_AFTER_MS + 1);
    expect(await idle).toMatchObject({
      userId: room.host.user.id,
      state: 'idle',
      colour: expect.any(String),
    });
    const back = next<{ userId: string; state: string }>(b, 'presence');
    await call(a, 'scene:update', { sessionId: room.sessionId, elements: [aRectangle()] });
    expect(await back).toMatchObject({ userId: room.host.user.id, state: 'active' });
  });

  /** Whether a new socket of the guest, joining now, is told `userId` is in the room. */
  async function onlineForAJoiner(userId: string): Promise<boolean | undefined> {
    const joiner = await open(room.guest);
    const { participants } = await call<{ participants: { userId: string; online: boolean }[] }>(
      joiner,
      'session:join',
      { sessionId: room.sessionId },
    );
    return participants.find((participant) => participant.userId === userId)?.online;
  }

  it('tells peers someone left as their page leaves, while their client still delivers strokes', async () => {
    const a = await open(room.host);
    const b = await open(room.guest);
    await call(a, 'session:join', { sessionId: room.sessionId });
    await call(b, 'session:join', { sessionId: room.sessionId });
    const heard = presenceHeard(b, room.host.user.id);

    // The host's page is gone; its client stays to deliver a stroke the server has not stored yet.
    expect(await call(a, 'session:depart', { sessionId: room.sessionId })).toEqual({ ok: true });
    await waitFor(() => heard.length > 0);
    expect(heard).toEqual(['left']);
    const relayed = next<{ elements: { id: string }[] }>(b, 'scene:update');
    const stroke = aRectangle();
    expect(await call(a, 'scene:update', { sessionId: room.sessionId, elements: [stroke] })).toMatchObject({
      ok: true,
    });
    expect((await relayed).elements.map((element) => element.id)).toEqual([stroke.id]);
    // Delivering is not coming back, nor is an idle sweep; departing twice changes nothing.
    room.server.app.get(RoomPresence).markIdleSockets(Date.now() + IDLE_AFTER_MS + 1);
    await call(a, 'scene:update', { sessionId: room.sessionId, elements: [aRectangle()] });
    expect(await call(a, 'session:depart', { sessionId: room.sessionId })).toEqual({ ok: true });
    // Nor does what is private to the people in the room still reach it, or go from it.
    const chat = { sessionId: room.sessionId, id: randomUUID(), text: 'Still here?' };
    expect(await call(a, 'chat:send', chat)).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // Someone joining now is told the host is not in the room.
    expect(await onlineForAJoiner(room.host.user.id)).toBe(false);

    // A client that reconnects to deliver the rest joins as departing: nobody sees the host come back.
    a.disconnect();
    const again = await open(room.host);
    await call(again, 'session:join', { sessionId: room.sessionId, departing: true });
    await call(again, 'scene:update', { sessionId: room.sessionId, elements: [aRectangle()] });
    again.disconnect();
    // The host really comes back: the only news since the page left.
    const back = await open(room.host);
    await call(back, 'session:join', { sessionId: room.sessionId });
    await waitFor(() => heard.length > 1);
    expect(heard).toEqual(['left', 'joined']);
  });

  it('tells peers someone left when a join asked again says so, after the first announced them', async () => {
    // A join whose answer timed out is asked again; the page left meanwhile, so the second departs.
    const a = await open(room.host);
    const b = await open(room.guest);
    await call(b, 'session:join', { sessionId: room.sessionId });
    const heard = presenceHeard(b, room.host.user.id);
    await call(a, 'session:join', { sessionId: room.sessionId });
    await call(a, 'session:join', { sessionId: room.sessionId, departing: true });
    await waitFor(() => heard.length > 1);
    expect(heard).toEqual(['joined', 'left']);
    // The first join answered last changes nothing: a departing socket stays departing.
    await call(a, 'session:join', { sessionId: room.sessionId });
    expect(await onlineForAJoiner(room.host.user.id)).toBe(false);
    expect(heard).toEqual(['joined', 'left']);
  });

  it('keeps the last of a burst of notes saves sent without waiting for answers', async () => {
    const a = await open(room.host);
    await call(a, 'session:join', { sessionId: room.sessionId });
    // Within the notes' burst allowance; a socket's handlers run side by side, their writes must
    // not. The oldest draft is the longest, the slowest to write: without an order it lands last.
    const drafts = Array.from({ length: 8 }, (_, i) => `Draft ${i + 1}: ${'notes '.repeat((8 - i) * 400)}`);
    const acks = await Promise.all(
      drafts.map((text) => call(a, 'notes:update', { sessionId: room.sessionId, round: 1, text })),
    );
    // Stored one after another in the order sent: each the next revision.
    expect(acks).toEqual(drafts.map((_, index) => ({ ok: true, revision: index + 1 })));
    const check = await open(room.host);
    const joined = await call<{ notes: string; notesRevision: number }>(check, 'session:join', {
      sessionId: room.sessionId,
    });
    expect(joined).toMatchObject({ notes: drafts.at(-1), notesRevision: drafts.length });
  });

  it("shows a notes save to the interviewer's other tabs, and to nobody else", async () => {
    const admin = await signUp(room.server.url, { email: NOTES_WATCHER_EMAIL });
    const typing = await open(room.host);
    const otherTab = await open(room.host);
    const leftTab = await open(room.host);
    const partner = await open(room.guest);
    const watcher = await open(admin);
    for (const socket of [typing, otherTab, leftTab, partner, watcher])
      await call(socket, 'session:join', { sessionId: room.sessionId });
    await call(leftTab, 'session:depart', { sessionId: room.sessionId });
    const saves = new Map([typing, leftTab, partner, watcher].map((socket) => [socket, [] as unknown[]]));
    for (const [socket, heard] of saves) socket.on('notes:saved', (event: unknown) => heard.push(event));

    const shown = next(otherTab, 'notes:saved');
    const text = 'Asked about the cache before the database: good instinct.';
    expect(await call(typing, 'notes:update', { sessionId: room.sessionId, round: 1, text })).toEqual({
      ok: true,
      revision: 1,
    });
    expect(await shown).toEqual({ sessionId: room.sessionId, round: 1, text, revision: 1 });

    // A cursor relayed after the save reaches each socket after anything the save sent it.
    const cursorsHeard = [leftTab, partner, watcher].map((socket) => next(socket, 'pointer:update'));
    typing.emit('pointer:update', {
      sessionId: room.sessionId,
      pointer: { x: 1, y: 1, tool: 'pointer' },
      button: 'up',
    });
    await Promise.all(cursorsHeard);
    for (const heard of saves.values()) expect(heard).toEqual([]);
  });

  it('keeps an observing admin shown to the participants: an observer cannot depart', async () => {
    const b = await open(room.guest);
    await call(b, 'session:join', { sessionId: room.sessionId });
    const admin = await signUp(room.server.url, { email: ROOM_ADMIN_EMAIL });
    const heard = presenceHeard(b, admin.user.id);
    const watcher = await open(admin);
    expect(await call(watcher, 'session:join', { sessionId: room.sessionId, departing: true })).toMatchObject(
      {
        ok: true,
        role: 'observer',
      },
    );
    expect(await call(watcher, 'session:depart', { sessionId: room.sessionId })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await waitFor(() => heard.length > 0);
    expect(heard).toEqual(['joined']);
  });

  it('refuses a departure from a room the socket has not joined', async () => {
    const stranger = await open(await signUp(room.server.url));
    expect(await call(stranger, 'session:depart', { sessionId: room.sessionId })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await call(stranger, 'session:depart', { sessionId: 'not-a-session' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
  });

  // Issue 18: a busy writer slows the acks; it used to refuse everything past a backlog of 2,000.
  it('stores a backlog of thousands of updates submitted at once, refusing none', async () => {
    const writer = room.server.app.get(SceneWriter);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 2_100 }, () => writer.submit(room.sessionId, [aCheckedRectangle()])),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    const [{ count }] = await room.server.dataSource.query(
      `SELECT count(*)::int AS count FROM scene_elements WHERE session_id = $1`,
      [room.sessionId],
    );
    expect(count).toBe(2_100);
  }, 120_000);

  it('keeps the candidate from moving the interview phase', async () => {
    const b = await open(room.guest);
    await call(b, 'session:join', { sessionId: room.sessionId });
    const ack = await call<{ ok: boolean; error: { code: string } }>(b, 'session:phase', {
      sessionId: room.sessionId,
      phase: 'deep-dive',
    });
    expect(ack.error.code).toBe('forbidden');
  });

  it('answers a flood of updates with rate_limited and keeps serving', async () => {
    const a = await open(room.host);
    await call(a, 'session:join', { sessionId: room.sessionId });
    const budget = watchRateBudget(room.server);
    const acks = await Promise.all(
      Array.from({ length: 80 }, () =>
        call<{ ok: boolean; error?: { code: string } }>(a, 'scene:update', {
          sessionId: room.sessionId,
          elements: [aRectangle()],
        }),
      ),
    );
    // Some are refused, unless a late event loop (a loaded machine) credited the budget with the
    // whole flood: then no bound is left.
    const most = budget.mostAtOnce(SOCKET_RATE_LIMITS.scene);
    const refused = acks.filter((ack) => ack.error?.code === 'rate_limited').length;
    expect(refused).toBeGreaterThanOrEqual(Math.min(1, acks.length - most));
    expect(acks.filter((ack) => ack.ok).length).toBeGreaterThan(0);
  });
});

import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import request from 'supertest';
import {
  CHAT_LIMITS,
  type ChatHistoryAck,
  type ChatMessage,
  type ChatSendAck,
  type ErrorAck,
  type ReplayResponse,
} from '@mockboard/contracts';
import { signUp, type SignedUpUser } from './support/factories';
import { aRectangle, call, next } from './support/room-client';
import { liveRoomStage } from './support/room-stage';

type Ack = ChatSendAck | ChatHistoryAck | ErrorAck;
const ADMIN_EMAIL = 'chat-admin@example.test';

/** Issue 13: the room's text chat, stored with the session, between its participants only. */
describe('the room chat', () => {
  const room = liveRoomStage({ ADMIN_EMAILS: ADMIN_EMAIL });
  const { joined, open } = room;

  const send = (socket: Socket, text: string, id: string = randomUUID()) =>
    call<Ack>(socket, 'chat:send', { sessionId: room.sessionId, id, text });
  const history = (socket: Socket, after?: string) =>
    call<Ack>(socket, 'chat:history', { sessionId: room.sessionId, ...(after ? { after } : {}) });
  const storedTexts = async () =>
    (
      (await room.server.dataSource.query(
        `SELECT text FROM chat_messages WHERE session_id = $1 ORDER BY seq`,
        [room.sessionId],
      )) as { text: string }[]
    ).map((row) => row.text);

  /** Every chat:message the socket receives from now on. */
  function overheard(socket: Socket): ChatMessage[] {
    const heard: ChatMessage[] = [];
    socket.on('chat:message', (message: ChatMessage) => heard.push(message));
    return heard;
  }

  /**
   * Everything the server emitted to this socket before now has arrived: an ack is sent after
   * every event already on its way (a refused one answers as well).
   */
  const caughtUp = (socket: Socket) => history(socket);

  it('delivers a message to the partner and the sender’s other tab, and acks the stored message', async () => {
    const interviewer = await joined(room.host);
    const otherTab = await joined(room.host);
    const candidate = await joined(room.guest);
    const senderHeard = overheard(interviewer);
    const arrives = next<ChatMessage>(candidate, 'chat:message');
    const inOtherTab = next<ChatMessage>(otherTab, 'chat:message');
    const id = randomUUID();

    const ack = await send(interviewer, 'Here is the doc: https://example.com/design', id);

    const expected = {
      id,
      sessionId: room.sessionId,
      authorId: room.host.user.id,
      authorName: room.host.user.displayName,
      text: 'Here is the doc: https://example.com/design',
      round: 1,
      sentAt: expect.any(String),
    };
    expect(ack).toEqual({ ok: true, message: expected });
    expect(await arrives).toEqual(expected);
    expect(await inOtherTab).toEqual(expected);
    await caughtUp(interviewer);
    expect(senderHeard).toEqual([]);
  });

  it('stores a resent message once and acks the stored copy', async () => {
    const candidate = await joined(room.guest);
    const id = randomUUID();
    const first = (await send(candidate, 'my name is spelled Siobhán', id)) as ChatSendAck;
    const again = await send(candidate, 'my name is spelled Siobhán', id);
    expect(again).toEqual(first);
    expect(await storedTexts()).toEqual(['my name is spelled Siobhán']);
  });

  it('refuses an id another author already used with conflict', async () => {
    const interviewer = await joined(room.host);
    const candidate = await joined(room.guest);
    const id = randomUUID();
    expect(await send(interviewer, 'first', id)).toMatchObject({ ok: true });
    expect(await send(candidate, 'second', id)).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'id: another message has this id; choose a new one' },
    });
    expect(await storedTexts()).toEqual(['first']);
  });

  it('hands a reconnecting tab what it missed, after the last message it holds', async () => {
    const interviewer = await joined(room.host);
    const candidate = await joined(room.guest);
    const held = (await send(candidate, 'can you hear me?')) as ChatSendAck;
    candidate.disconnect();
    await send(interviewer, 'no audio here');
    await send(interviewer, 'let us type');

    const back = await joined(room.guest);
    const missed = (await history(back, held.message.id)) as ChatHistoryAck;
    expect(missed.messages.map((message) => message.text)).toEqual(['no audio here', 'let us type']);
    const all = (await history(back)) as ChatHistoryAck;
    expect(all.messages.map((message) => message.text)).toEqual([
      'can you hear me?',
      'no audio here',
      'let us type',
    ]);
  });

  it('refuses a stranger and an observing admin with forbidden, and tells them nothing', async () => {
    const admin = await signUp(room.server.url, { email: ADMIN_EMAIL });
    const stranger = await signUp(room.server.url);
    const interviewer = await joined(room.host);
    const candidate = await joined(room.guest);
    const observer = await joined(admin);
    const outsider = await open(stranger);
    // The stranger cannot join; its socket tries anyway.
    expect(await call<Ack>(outsider, 'session:join', { sessionId: room.sessionId })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const observerHeard = overheard(observer);
    const outsiderHeard = overheard(outsider);

    for (const [socket, message] of [
      [observer, 'Observers cannot use the chat'],
      [outsider, 'Join the session first (session:join)'],
    ] as const) {
      // Even a malformed message is refused for who sends it, not for its shape.
      for (const text of ['hello', '']) {
        expect(await send(socket, text)).toEqual({ ok: false, error: { code: 'forbidden', message } });
      }
      expect(await history(socket)).toEqual({ ok: false, error: { code: 'forbidden', message } });
    }

    const arrives = next(candidate, 'chat:message');
    expect(await send(interviewer, 'only for you')).toMatchObject({ ok: true });
    await arrives;
    await Promise.all([caughtUp(observer), caughtUp(outsider)]);
    expect(observerHeard).toEqual([]);
    expect(outsiderHeard).toEqual([]);
    expect(await storedTexts()).toEqual(['only for you']);
  });

  it('has no chat in a solo session', async () => {
    const user = await signUp(room.server.url);
    const solo = await request(room.server.url)
      .post('/api/sessions/solo')
      .set(user.bearer)
      .send({ promptId: 'url-shortener' })
      .expect(201);
    const socket = await open(user);
    expect(await call(socket, 'session:join', { sessionId: solo.body.id })).toMatchObject({ ok: true });
    const refusal = { ok: false, error: { code: 'forbidden', message: 'A solo session has no chat' } };
    expect(
      await call(socket, 'chat:send', { sessionId: solo.body.id, id: randomUUID(), text: 'hi' }),
    ).toEqual(refusal);
    expect(await call(socket, 'chat:history', { sessionId: solo.body.id })).toEqual(refusal);
  });

  it('refuses empty, blank, too long, unstorable and badly identified messages, naming the field', async () => {
    const candidate = await joined(room.guest);
    const refused = (code: string, message: string) => ({ ok: false, error: { code, message } });
    expect(await send(candidate, '')).toEqual(refused('bad_request', 'text: write something first'));
    expect(await send(candidate, ' \n\t ')).toEqual(refused('bad_request', 'text: write something first'));
    expect(await send(candidate, 'x'.repeat(CHAT_LIMITS.maxChars + 1))).toEqual(
      refused('bad_request', `text: a message is capped at ${CHAT_LIMITS.maxChars} characters`),
    );
    expect(await send(candidate, 'nul \u0000 here')).toEqual(
      refused('bad_request', 'text must not contain NUL (U+0000) characters'),
    );
    expect(await send(candidate, 'hello', 'message-1')).toEqual(
      refused('bad_request', 'id: must be a UUID the client chose for this message'),
    );
    expect(
      await call(candidate, 'chat:send', {
        sessionId: room.sessionId,
        id: randomUUID(),
        text: 'hi',
        html: '<b>',
      }),
    ).toEqual(refused('bad_request', 'html: not an accepted field'));
    expect(await history(candidate, 'not-an-id')).toEqual(refused('bad_request', 'after: Invalid UUID'));
    expect(await storedTexts()).toEqual([]);
  });

  it('refuses a message once the session holds its cap, and after the interview ended', async () => {
    const interviewer = await joined(room.host);
    const candidate = await joined(room.guest);
    await aFullChat(room.sessionId, room.host);
    expect(await send(candidate, 'one more')).toEqual({
      ok: false,
      error: {
        code: 'too_large',
        message: `This session's chat holds at most ${CHAT_LIMITS.maxMessagesPerSession} messages; it is full`,
      },
    });
    const page = (await history(candidate)) as ChatHistoryAck;
    expect(page.messages).toHaveLength(CHAT_LIMITS.historyPage);
    expect(page.messages.at(-1)?.text).toBe(`message ${CHAT_LIMITS.maxMessagesPerSession}`);

    await room.server.dataSource.query(`DELETE FROM chat_messages WHERE session_id = $1`, [room.sessionId]);
    expect(await call(interviewer, 'session:end', { sessionId: room.sessionId })).toMatchObject({ ok: true });
    expect(await send(candidate, 'thanks!')).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'The interview has ended; its chat is closed' },
    });
  });

  it('answers a flood with rate_limited', async () => {
    const candidate = await joined(room.guest);
    const acks = await Promise.all(Array.from({ length: 30 }, (_, i) => send(candidate, `spam ${i}`)));
    const limited = acks.filter((ack) => !ack.ok && ack.error.code === 'rate_limited');
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.length + acks.filter((ack) => ack.ok).length).toBe(30);
    expect((await storedTexts()).length).toBe(30 - limited.length);
  });

  it('places chat messages among the whiteboard’s changes in the replay', async () => {
    const interviewer = await joined(room.host);
    const before = aRectangle();
    const after = aRectangle();
    await call(interviewer, 'scene:update', { sessionId: room.sessionId, elements: [before] });
    const sent = (await send(interviewer, 'drawing the load balancer next')) as ChatSendAck;
    await call(interviewer, 'scene:update', { sessionId: room.sessionId, elements: [after] });

    const replay: ReplayResponse = (
      await request(room.server.url)
        .get(`/api/sessions/${room.sessionId}/replay`)
        .set(room.guest.bearer)
        .expect(200)
    ).body;
    expect(replay.entries.map((entry) => [entry.kind, entry.element?.id ?? entry.message?.text])).toEqual([
      ['scene', before.id],
      ['chat', 'drawing the load balancer next'],
      ['scene', after.id],
    ]);
    expect(replay.entries[1]!.message).toEqual(sent.message);
    expect(replay.total).toBe(3);
    // Paging by seq goes on past a chat entry.
    const second: ReplayResponse = (
      await request(room.server.url)
        .get(`/api/sessions/${room.sessionId}/replay?after=${replay.entries[0]!.seq}&limit=1`)
        .set(room.guest.bearer)
        .expect(200)
    ).body;
    expect(second.entries.map((entry) => entry.kind)).toEqual(['chat']);
    expect(second.nextCursor).toBe(String(replay.entries[1]!.seq));
  });

  /** The session's chat at its cap, written straight into the database. */
  async function aFullChat(sessionId: string, author: SignedUpUser): Promise<void> {
    await room.server.dataSource.query(
      `INSERT INTO chat_messages (id, session_id, author_id, round, text)
       SELECT gen_random_uuid(), $1, $2, 1, 'message ' || i FROM generate_series(1, $3) AS i ORDER BY i`,
      [sessionId, author.user.id, CHAT_LIMITS.maxMessagesPerSession],
    );
  }
});

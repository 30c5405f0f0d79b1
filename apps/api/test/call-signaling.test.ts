import { createHmac, randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import request from 'supertest';
import {
  CALL_EVENTS,
  CALL_LIMITS,
  SOCKET_RATE_LIMITS,
  type CallJoinAck,
  type CallMediaState,
  type ErrorAck,
} from '@mockboard/contracts';
import { signUp, type SignedUpUser } from './support/factories';
import { aLiveSession, call, connect, next } from './support/room-client';
import { liveRoomStage, type LiveRoomStage } from './support/room-stage';
import { startTestApp, startWithConfig, type TestApp } from './support/test-app';
import { SUITE_POSTGRES } from './support/suite-postgres';

type Ack = { ok: true } | ErrorAck;
const ADMIN_EMAIL = 'call-observer@example.test';
const AUDIO_ONLY: CallMediaState = { audio: true, video: false };

/** A tab in the call: its socket, the endpoint it chose, its join ack, and every call:* event it heard. */
interface CallTab {
  socket: Socket;
  endpointId: string;
  ack: CallJoinAck;
  heard: CallEvent[];
}
type CallEvent = { event: string; payload: Record<string, unknown> };

/** Records every call:* event the socket receives, from now on. */
function callEventsOf(socket: Socket): CallEvent[] {
  const heard: CallEvent[] = [];
  socket.onAny((event: string, payload: Record<string, unknown>) => {
    if (event.startsWith('call:')) heard.push({ event, payload });
  });
  return heard;
}

/** Sockets of the stage joined to the session's room, then to its call. */
function callStage(room: LiveRoomStage) {
  /** `chosen` hears the endpoint id before the join is sent, for listeners set up ahead of it. */
  async function inCall(
    user: SignedUpUser,
    media: CallMediaState = AUDIO_ONLY,
    chosen: (endpointId: string) => void = () => undefined,
  ): Promise<CallTab> {
    const socket = await room.joined(user);
    const heard = callEventsOf(socket);
    const endpointId = randomUUID();
    chosen(endpointId);
    const ack = await call<CallJoinAck>(socket, CALL_EVENTS.join, {
      sessionId: room.sessionId,
      endpointId,
      media,
    });
    expect(ack).toMatchObject({ ok: true });
    return { socket, endpointId, ack, heard };
  }

  /** An offer from one tab to another's endpoint. */
  const offer = (from: CallTab, to: CallTab, sdp = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n') =>
    call<Ack>(from.socket, CALL_EVENTS.offer, { sessionId: room.sessionId, to: to.endpointId, sdp });

  return { inCall, offer };
}

/** The first call:peer the socket receives about `endpointId` in `state`, from now on. */
function peerEvent(
  socket: Socket,
  endpointId: () => string,
  state: string,
): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const listener = (event: Record<string, unknown>) => {
      if (event.endpointId !== endpointId() || event.state !== state) return;
      socket.off(CALL_EVENTS.peer, listener);
      resolve(event);
    };
    socket.on(CALL_EVENTS.peer, listener);
  });
}

/**
 * Everything the server sent `socket` before now has arrived: broadcasts are written to every
 * socket in the same tick, so once a peer got a relay, an ack asked for afterwards comes after it.
 */
const caughtUp = (socket: Socket) => call(socket, 'call:leave', { sessionId: randomUUID() });

describe('call signaling between the participants of a session', () => {
  const room = liveRoomStage({ ADMIN_EMAILS: ADMIN_EMAIL });
  const { inCall, offer } = callStage(room);

  it('answers a join with the ICE configuration (none by default) and the endpoints already there', async () => {
    const host = await inCall(room.host);
    expect(host.ack).toEqual({
      ok: true,
      iceServers: [],
      iceTransportPolicy: 'all',
      credentialsExpireAt: null,
      peers: [],
    });
    let guestEndpoint = '';
    const heardByHost = peerEvent(host.socket, () => guestEndpoint, 'joined');
    const guest = await inCall(room.guest, { audio: true, video: true }, (id) => (guestEndpoint = id));
    expect(guest.ack.peers).toEqual([
      { endpointId: host.endpointId, userId: room.host.user.id, media: AUDIO_ONLY },
    ]);
    expect(await heardByHost).toEqual({
      sessionId: room.sessionId,
      endpointId: guest.endpointId,
      userId: room.guest.user.id,
      state: 'joined',
      media: { audio: true, video: true },
    });
  });

  it("tells a user's older tab that a newer one joined, and lists only the other user's endpoints", async () => {
    const first = await inCall(room.host);
    const guest = await inCall(room.guest);
    let secondEndpoint = '';
    const heardByFirst = peerEvent(first.socket, () => secondEndpoint, 'joined');
    const heardByGuest = peerEvent(guest.socket, () => secondEndpoint, 'joined');
    const second = await inCall(room.host, AUDIO_ONLY, (id) => (secondEndpoint = id));
    expect(second.ack.peers).toEqual([
      { endpointId: guest.endpointId, userId: room.guest.user.id, media: AUDIO_ONLY },
    ]);
    for (const event of [await heardByFirst, await heardByGuest])
      expect(event).toMatchObject({
        endpointId: second.endpointId,
        userId: room.host.user.id,
        state: 'joined',
      });
  });

  it('relays offers, answers and candidates stamped by the server with the sender', async () => {
    const host = await inCall(room.host);
    const guest = await inCall(room.guest);
    const stamp = { sessionId: room.sessionId, from: host.endpointId, fromUserId: room.host.user.id };

    const offered = next(guest.socket, CALL_EVENTS.offer);
    expect(await offer(host, guest, 'v=0 offer')).toEqual({ ok: true });
    expect(await offered).toEqual({ ...stamp, to: guest.endpointId, sdp: 'v=0 offer' });

    const answered = next(host.socket, CALL_EVENTS.answer);
    expect(
      await call(guest.socket, CALL_EVENTS.answer, {
        sessionId: room.sessionId,
        to: host.endpointId,
        sdp: 'v=0 answer',
      }),
    ).toEqual({ ok: true });
    expect(await answered).toEqual({
      sessionId: room.sessionId,
      to: host.endpointId,
      sdp: 'v=0 answer',
      from: guest.endpointId,
      fromUserId: room.guest.user.id,
    });

    const candidate = {
      candidate: 'candidate:1 1 udp 2122260223 192.0.2.7 54321 typ host',
      sdpMid: '0',
      sdpMLineIndex: 0,
      usernameFragment: 'abcd',
    };
    const relayed = next(guest.socket, CALL_EVENTS.candidate);
    expect(
      await call(host.socket, CALL_EVENTS.candidate, {
        sessionId: room.sessionId,
        to: guest.endpointId,
        candidate,
      }),
    ).toEqual({ ok: true });
    expect(await relayed).toEqual({ ...stamp, to: guest.endpointId, candidate });
    // The sender never hears its own signals back.
    expect(
      host.heard.filter(({ event }) => event !== CALL_EVENTS.answer && event !== CALL_EVENTS.peer),
    ).toEqual([]);
  });

  it('refuses a forged sender: `from` and `fromUserId` are not fields a client may send', async () => {
    const host = await inCall(room.host);
    const guest = await inCall(room.guest);
    for (const forged of [{ from: guest.endpointId }, { fromUserId: room.guest.user.id }]) {
      expect(
        await call(host.socket, CALL_EVENTS.offer, {
          sessionId: room.sessionId,
          to: guest.endpointId,
          sdp: 'v=0',
          ...forged,
        }),
      ).toEqual({
        ok: false,
        error: { code: 'bad_request', message: `${Object.keys(forged)[0]}: not an accepted field` },
      });
    }
    await caughtUp(guest.socket);
    expect(guest.heard).toEqual([]);
  });

  it('relays mute state, and a later joiner reads it in its peers', async () => {
    const guest = await inCall(room.guest);
    const host = await inCall(room.host);
    const muted = next(host.socket, CALL_EVENTS.media);
    expect(
      await call(guest.socket, CALL_EVENTS.media, {
        sessionId: room.sessionId,
        media: { audio: false, video: true },
      }),
    ).toEqual({ ok: true });
    expect(await muted).toEqual({
      sessionId: room.sessionId,
      media: { audio: false, video: true },
      from: guest.endpointId,
      fromUserId: room.guest.user.id,
    });
    const hostsOtherTab = await inCall(room.host);
    expect(hostsOtherTab.ack.peers).toEqual([
      { endpointId: guest.endpointId, userId: room.guest.user.id, media: { audio: false, video: true } },
    ]);
  });

  it('refuses signals from a participant tab that has not joined the call, which hears none either', async () => {
    const host = await inCall(room.host);
    const guestNotInCall = await room.joined(room.guest);
    const heard = callEventsOf(guestNotInCall);
    const guest = await inCall(room.guest);
    expect(
      await call(guestNotInCall, CALL_EVENTS.offer, {
        sessionId: room.sessionId,
        to: host.endpointId,
        sdp: 'v=0',
      }),
    ).toEqual({ ok: false, error: { code: 'conflict', message: 'Join the call first (call:join)' } });
    const offered = next(guest.socket, CALL_EVENTS.offer);
    await offer(host, guest);
    await offered;
    await caughtUp(guestNotInCall);
    expect(heard).toEqual([]);
  });

  it('tells the peers when an endpoint leaves, and when its socket drops', async () => {
    const host = await inCall(room.host);
    const guest = await inCall(room.guest);
    const left = peerEvent(host.socket, () => guest.endpointId, 'left');
    expect(await call(guest.socket, CALL_EVENTS.leave, { sessionId: room.sessionId })).toEqual({ ok: true });
    expect(await left).toEqual({
      sessionId: room.sessionId,
      endpointId: guest.endpointId,
      userId: room.guest.user.id,
      state: 'left',
      media: AUDIO_ONLY,
    });
    // Out of the call: its signals are refused, and hanging up again is harmless.
    expect(await offer(guest, host)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call(guest.socket, CALL_EVENTS.leave, { sessionId: room.sessionId })).toEqual({ ok: true });

    const again = await inCall(room.guest);
    const dropped = peerEvent(host.socket, () => again.endpointId, 'disconnected');
    again.socket.disconnect();
    expect(await dropped).toEqual({
      sessionId: room.sessionId,
      endpointId: again.endpointId,
      userId: room.guest.user.id,
      state: 'disconnected',
      media: AUDIO_ONLY,
    });
  });

  it('lets a tab whose room page left hang up after its departure, as the page’s cleanups do', async () => {
    // The room's cleanup departs first (its client stays to deliver), then the call's hangs up.
    const host = await inCall(room.host);
    const guest = await inCall(room.guest);
    const left = peerEvent(host.socket, () => guest.endpointId, 'left');
    expect(await call(guest.socket, 'session:depart', { sessionId: room.sessionId })).toEqual({ ok: true });
    expect(await call(guest.socket, CALL_EVENTS.leave, { sessionId: room.sessionId })).toEqual({ ok: true });
    expect(await left).toMatchObject({ endpointId: guest.endpointId, state: 'left' });
  });

  it('refuses a join once the interview has ended', async () => {
    const host = await inCall(room.host);
    await room.joined(room.guest);
    expect(await call(host.socket, 'session:end', { sessionId: room.sessionId })).toMatchObject({ ok: true });
    expect(
      await call(host.socket, CALL_EVENTS.join, {
        sessionId: room.sessionId,
        endpointId: randomUUID(),
        media: AUDIO_ONLY,
      }),
    ).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'The interview has ended; its call is closed' },
    });
  });

  describe('who is refused', () => {
    /** One of every call event, addressed to the session's call (a valid payload for each). */
    const everyEvent = (sessionId: string, to: string): [string, Record<string, unknown>][] => [
      [CALL_EVENTS.join, { sessionId, endpointId: randomUUID(), media: AUDIO_ONLY }],
      [CALL_EVENTS.offer, { sessionId, to, sdp: 'v=0' }],
      [CALL_EVENTS.answer, { sessionId, to, sdp: 'v=0' }],
      [CALL_EVENTS.candidate, { sessionId, to, candidate: { candidate: '' } }],
      [CALL_EVENTS.media, { sessionId, media: AUDIO_ONLY }],
      [CALL_EVENTS.leave, { sessionId }],
    ];

    /** The host and the guest in the call, exchanging an offer each way. */
    async function aCallInProgress() {
      const host = await inCall(room.host);
      const guest = await inCall(room.guest);
      const offered = [next(guest.socket, CALL_EVENTS.offer), next(host.socket, CALL_EVENTS.offer)];
      await offer(host, guest);
      await offer(guest, host);
      await Promise.all(offered);
      return { host, guest };
    }

    it('refuses an observing admin on every call event, and it hears nothing of the call', async () => {
      const admin = await signUp(room.server.url, { email: ADMIN_EMAIL });
      const observer = await room.joined(admin);
      const heard = callEventsOf(observer);
      const { host } = await aCallInProgress();
      for (const [event, payload] of everyEvent(room.sessionId, host.endpointId)) {
        expect(await call(observer, event, payload)).toEqual({
          ok: false,
          error: { code: 'forbidden', message: 'Observers do not take part in the call' },
        });
      }
      // Whatever else it sends: the access check comes before the payload's other fields.
      expect(
        await call(observer, CALL_EVENTS.offer, { sessionId: room.sessionId, sdp: 7, from: 'x' }),
      ).toMatchObject({
        error: { code: 'forbidden' },
      });
      await caughtUp(observer);
      expect(heard).toEqual([]);
    });

    it('refuses strangers on every call event: joined to nothing, or to another session', async () => {
      const stranger = await signUp(room.server.url);
      const alone = await room.open(stranger);
      const elsewhere = await room.open(stranger);
      const otherSession = (await aLiveSession(room.server.url, stranger, await signUp(room.server.url))).id;
      expect(await call(elsewhere, 'session:join', { sessionId: otherSession })).toMatchObject({ ok: true });
      expect(
        await call(elsewhere, CALL_EVENTS.join, {
          sessionId: otherSession,
          endpointId: randomUUID(),
          media: AUDIO_ONLY,
        }),
      ).toMatchObject({ ok: true });
      const heard = [callEventsOf(alone), callEventsOf(elsewhere)];
      const { host } = await aCallInProgress();
      for (const socket of [alone, elsewhere]) {
        for (const [event, payload] of everyEvent(room.sessionId, host.endpointId)) {
          expect(await call(socket, event, payload)).toEqual({
            ok: false,
            error: { code: 'forbidden', message: 'Join the session first (session:join)' },
          });
        }
        expect(
          await call(socket, CALL_EVENTS.candidate, { sessionId: room.sessionId, junk: true }),
        ).toMatchObject({
          error: { code: 'forbidden' },
        });
      }
      // Nor can a participant's socket that has not joined the session's room take part.
      const hostNotJoined = await room.open(room.host);
      expect(await call(hostNotJoined, ...everyEvent(room.sessionId, host.endpointId)[1]!)).toMatchObject({
        error: { code: 'forbidden' },
      });
      await Promise.all([caughtUp(alone), caughtUp(elsewhere)]);
      expect(heard).toEqual([[], []]);
    });

    it('refuses a call in a solo practice session', async () => {
      const user = await signUp(room.server.url);
      const solo = await request(room.server.url)
        .post('/api/sessions/solo')
        .set(user.bearer)
        .send({ promptId: 'url-shortener' })
        .expect(201);
      const socket = await room.open(user);
      expect(await call(socket, 'session:join', { sessionId: solo.body.id })).toMatchObject({ ok: true });
      expect(
        await call(socket, CALL_EVENTS.join, {
          sessionId: solo.body.id,
          endpointId: randomUUID(),
          media: AUDIO_ONLY,
        }),
      ).toEqual({ ok: false, error: { code: 'forbidden', message: 'Solo practice sessions have no call' } });
    });
  });

  describe('bad input', () => {
    it.each([
      ['a payload that is not an object', CALL_EVENTS.join, 'hello', 'payload: '],
      [
        'no session id',
        CALL_EVENTS.offer,
        { to: randomUUID(), sdp: 'v=0' },
        'sessionId: must be a session id',
      ],
      [
        'a malformed session id',
        CALL_EVENTS.leave,
        { sessionId: 'room-1' },
        'sessionId: must be a session id',
      ],
    ])('refuses %s with bad_request naming the field', async (_, event, payload, message) => {
      const socket = await room.joined(room.host);
      const ack = await call<ErrorAck>(socket, event, payload);
      expect(ack.error.code).toBe('bad_request');
      expect(ack.error.message.startsWith(message)).toBe(true);
    });

    it('refuses malformed signals from a participant with bad_request naming the field', async () => {
      const host = await inCall(room.host);
      const sessionId = room.sessionId;
      const cases: [string, Record<string, unknown>, string][] = [
        [
          CALL_EVENTS.join,
          { sessionId, endpointId: 'tab-1', media: AUDIO_ONLY },
          'endpointId: must be the endpoint id',
        ],
        [CALL_EVENTS.join, { sessionId, endpointId: randomUUID() }, 'media: '],
        [
          CALL_EVENTS.join,
          { sessionId, endpointId: randomUUID(), media: { audio: 'yes', video: false } },
          'media.audio: ',
        ],
        [CALL_EVENTS.offer, { sessionId, sdp: 'v=0' }, 'to: '],
        [CALL_EVENTS.answer, { sessionId, to: randomUUID(), sdp: '' }, 'sdp: '],
        [
          CALL_EVENTS.candidate,
          { sessionId, to: randomUUID(), candidate: { sdpMid: '0' } },
          'candidate.candidate: ',
        ],
        [
          CALL_EVENTS.candidate,
          { sessionId, to: randomUUID(), candidate: { candidate: '', port: 1 } },
          'port: not an accepted field',
        ],
        [CALL_EVENTS.media, { sessionId, media: { audio: true } }, 'media.video: '],
      ];
      for (const [event, payload, message] of cases) {
        const ack = await call<ErrorAck>(host.socket, event, payload);
        expect({ event, ...ack.error, message: ack.error.message.slice(0, message.length) }).toEqual({
          event,
          code: 'bad_request',
          message,
        });
      }
    });

    it('refuses an oversized SDP or candidate with too_large, relaying nothing', async () => {
      const host = await inCall(room.host);
      const guest = await inCall(room.guest);
      expect(
        await call(host.socket, CALL_EVENTS.offer, {
          sessionId: room.sessionId,
          to: guest.endpointId,
          sdp: 'v=0\r\n' + 'a=x'.repeat(CALL_LIMITS.maxSdpChars / 3),
        }),
      ).toEqual({
        ok: false,
        error: {
          code: 'too_large',
          message: `sdp: an SDP is capped at ${CALL_LIMITS.maxSdpChars} characters`,
        },
      });
      expect(
        await call(host.socket, CALL_EVENTS.candidate, {
          sessionId: room.sessionId,
          to: guest.endpointId,
          candidate: { candidate: 'c'.repeat(CALL_LIMITS.maxCandidateChars + 1) },
        }),
      ).toEqual({
        ok: false,
        error: {
          code: 'too_large',
          message: `candidate.candidate: an ICE candidate is capped at ${CALL_LIMITS.maxCandidateChars} characters`,
        },
      });
      await caughtUp(guest.socket);
      expect(guest.heard).toEqual([]);
    });

    it('answers a flood of candidates with rate_limited, relaying only what it accepted', async () => {
      const host = await inCall(room.host);
      const guest = await inCall(room.guest);
      const acks = await Promise.all(
        Array.from({ length: 400 }, (_, index) =>
          call<Ack>(host.socket, CALL_EVENTS.candidate, {
            sessionId: room.sessionId,
            to: guest.endpointId,
            candidate: { candidate: `candidate:${index} 1 udp 1 192.0.2.7 ${10_000 + index} typ host` },
          }),
        ),
      );
      const accepted = acks.filter((ack) => ack.ok).length;
      const limited = acks.filter((ack): ack is ErrorAck => !ack.ok && ack.error.code === 'rate_limited');
      expect(accepted).toBeGreaterThanOrEqual(SOCKET_RATE_LIMITS.signal.burst);
      expect(accepted + limited.length).toBe(400);
      expect(limited.length).toBeGreaterThan(0);
      expect(limited[0]!.error.message).toMatch(
        /^Too many call:candidate: at most 20 per second; retry in \d+ ms$/,
      );
      await caughtUp(guest.socket);
      expect(guest.heard.filter(({ event }) => event === CALL_EVENTS.candidate)).toHaveLength(accepted);
    });
  });
});

describe('call signaling with TURN configured', () => {
  const secret = 'a-test-coturn-static-auth-secret';
  const ttlSeconds = 600;
  const room = liveRoomStage({
    STUN_URLS: 'stun:stun.example.test:3478',
    TURN_URLS: 'turn:127.0.0.1:3478?transport=udp,turns:turn.example.test:5349?transport=tcp',
    TURN_SECRET: secret,
    TURN_CREDENTIAL_TTL_SECONDS: String(ttlSeconds),
  });
  const { inCall } = callStage(room);

  it("issues each participant short-lived TURN credentials that coturn's shared secret verifies", async () => {
    const before = Math.floor(Date.now() / 1000);
    const { ack } = await inCall(room.guest);
    const after = Math.floor(Date.now() / 1000);
    expect(ack.iceTransportPolicy).toBe('all');
    expect(ack.iceServers).toEqual([
      { urls: ['stun:stun.example.test:3478'] },
      {
        urls: ['turn:127.0.0.1:3478?transport=udp', 'turns:turn.example.test:5349?transport=tcp'],
        username: expect.stringMatching(new RegExp(`^\\d+:${room.guest.user.id}$`)),
        credential: expect.any(String),
      },
    ]);
    const { username, credential } = ack.iceServers[1]!;
    expect(credential).toBe(createHmac('sha1', secret).update(username!).digest('base64'));
    const expiry = Number(username!.split(':')[0]);
    expect(expiry).toBeGreaterThanOrEqual(before + ttlSeconds);
    expect(expiry).toBeLessThanOrEqual(after + ttlSeconds);
    expect(ack.credentialsExpireAt).toBe(new Date(expiry * 1000).toISOString());
  });
});

const REDIS_URL = 'redis://127.0.0.1:6379';

describe('call signaling across two instances on one Redis', () => {
  let one: TestApp;
  let two: TestApp;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    one = await startTestApp({ REDIS_URL, DATABASE_URL: SUITE_POSTGRES });
    two = await startWithConfig(one.config);
  });
  afterEach(() => sockets.splice(0).forEach((socket) => socket.disconnect()));
  afterAll(async () => {
    await two?.app.close();
    await one?.close();
  });

  async function inCallThrough(app: TestApp, user: SignedUpUser, sessionId: string) {
    const socket = await connect(app.url, user);
    sockets.push(socket);
    expect(await call(socket, 'session:join', { sessionId })).toMatchObject({ ok: true });
    const endpointId = randomUUID();
    const ack = await call<CallJoinAck>(socket, CALL_EVENTS.join, {
      sessionId,
      endpointId,
      media: AUDIO_ONLY,
    });
    expect(ack).toMatchObject({ ok: true });
    return { socket, endpointId, ack };
  }

  it('lists peers, relays signals and reports a dropped socket between instances', async () => {
    const host = await signUp(one.url);
    const guest = await signUp(one.url);
    const sessionId = (await aLiveSession(one.url, host, guest)).id;
    const a = await inCallThrough(one, host, sessionId);
    const b = await inCallThrough(two, guest, sessionId);
    expect(b.ack.peers).toEqual([{ endpointId: a.endpointId, userId: host.user.id, media: AUDIO_ONLY }]);

    const offered = next(b.socket, CALL_EVENTS.offer);
    expect(
      await call(a.socket, CALL_EVENTS.offer, { sessionId, to: b.endpointId, sdp: 'v=0 across' }),
    ).toEqual({ ok: true });
    expect(await offered).toEqual({
      sessionId,
      to: b.endpointId,
      sdp: 'v=0 across',
      from: a.endpointId,
      fromUserId: host.user.id,
    });

    const dropped = peerEvent(a.socket, () => b.endpointId, 'disconnected');
    b.socket.disconnect();
    expect(await dropped).toMatchObject({ userId: guest.user.id, state: 'disconnected' });
  });
});

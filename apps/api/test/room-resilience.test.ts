import { EventEmitter } from 'node:events';
import request from 'supertest';
import {
  NOTIFICATION_EVENT,
  SceneElementSchema,
  type ErrorAck,
  type JoinAck,
  type Notification,
  type PresenceEvent,
  type SceneElement,
} from '@mockboard/contracts';
import { CollabClient, type CollabClientOptions } from './support/collab-client';
import { signUp, type SignedUpUser } from './support/factories';
import { aLiveSession, aRectangle, call, connect, soonStart } from './support/room-client';
import { serverProcessEnv, startServerProcess, type ServerProcess } from './support/server-process';
import { liveRoomStage } from './support/room-stage';
import { SeededRandom } from './support/seeded-random';
import { startWithConfig } from './support/test-app';
import { twoInstancesOnRedis } from './support/two-instances';

/** A CollabClient in a test, with a signal for "something changed" to wait on. */
interface Peer {
  client: CollabClient;
  changes: EventEmitter;
  errors: ErrorAck['error'][];
  presence: PresenceEvent[];
}

const peers: Peer[] = [];
afterEach(() => peers.splice(0).forEach((peer) => peer.client.close()));

function aPeer(url: string, user: SignedUpUser, sessionId: string, extra: Partial<CollabClientOptions> = {}) {
  const changes = new EventEmitter();
  const peer: Peer = { client: undefined as unknown as CollabClient, changes, errors: [], presence: [] };
  peer.client = new CollabClient({
    sessionId,
    url,
    token: user.accessToken,
    socketOptions: { transports: ['websocket'] },
    onRemoteElements: () => changes.emit('change'),
    onPresence: (event) => {
      peer.presence.push(event);
      changes.emit('change');
    },
    onError: (error) => peer.errors.push(error),
    ...extra,
    onStatus: (status, pending) => {
      extra.onStatus?.(status, pending);
      changes.emit('change');
    },
  });
  peers.push(peer);
  return peer;
}

/** What `peer` heard of `user`'s presence, in order ('joined', 'left', …). */
const newsOf = (peer: Peer, user: SignedUpUser): PresenceEvent['state'][] =>
  peer.presence.filter((event) => event.userId === user.user.id).map((event) => event.state);

/** The names of the events `peer` sends from now on, in order. */
function eventsSentBy(peer: Peer): string[] {
  const sent: string[] = [];
  peer.client.socket.onAnyOutgoing((event: string) => sent.push(event));
  return sent;
}

async function joined(url: string, user: SignedUpUser, sessionId: string): Promise<Peer> {
  const peer = aPeer(url, user, sessionId);
  await peer.client.connect();
  return peer;
}

/** Resolves once `check` holds, re-checking whenever one of `peers` reports a change. */
function until(peersToWatch: Peer[], check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = (): void => {
      clearTimeout(timer);
      for (const peer of peersToWatch) peer.changes.off('change', recheck);
    };
    const recheck = (): void => {
      if (!check()) return;
      stop();
      resolve();
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out waiting until ${what}`));
    }, timeoutMs);
    for (const peer of peersToWatch) peer.changes.on('change', recheck);
    recheck();
  });
}

const settled = (peer: Peer) => peer.client.status === 'connected' && peer.client.pendingCount === 0;

/** What decides which copy wins, per element, sorted by id: two equal digests are the same scene. */
function digest(elements: Iterable<SceneElement>) {
  return [...elements]
    .map(({ id, version, versionNonce, isDeleted, x }) => ({ id, version, versionNonce, isDeleted, x }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The stored scene as a fresh joiner gets it. */
async function serverScene(url: string, user: SignedUpUser, sessionId: string): Promise<SceneElement[]> {
  const socket = await connect(url, user);
  try {
    const ack = await call<JoinAck>(socket, 'session:join', { sessionId });
    expect(ack.ok).toBe(true);
    return ack.scene.elements;
  } finally {
    socket.disconnect();
  }
}

const aShape = (overrides: Record<string, unknown> = {}): SceneElement =>
  SceneElementSchema.parse(aRectangle(overrides));

/** A new copy of `element`, as Excalidraw makes one: a higher version and a fresh random nonce. */
const edited = (
  element: SceneElement,
  changes: Partial<SceneElement>,
  random: SeededRandom,
): SceneElement => ({
  ...element,
  ...changes,
  version: element.version + 1,
  versionNonce: random.nonce(),
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Cuts the client's connection the way a dead network does: the transport closes under it. */
const cut = (peer: Peer): void => {
  peer.client.socket.io.engine?.close();
};

describe('the collaboration client against a live room', () => {
  const room = liveRoomStage();

  it('a reconnecting client loses none of its queued edits', async () => {
    const a = await joined(room.server.url, room.host, room.sessionId);
    const b = await joined(room.server.url, room.guest, room.sessionId);

    // Half the edits are on the wire when the connection drops, half are made while it is down.
    const drawn = Array.from({ length: 30 }, () => aShape());
    const cutOnSend = (): void => {
      a.client.socket.offAnyOutgoing(cutOnSend);
      cut(a);
    };
    a.client.socket.onAnyOutgoing(cutOnSend);
    for (const shape of drawn.slice(0, 15)) a.client.sendElements([shape]);
    await until([a], () => a.client.status === 'reconnecting', 'A is cut off');
    for (const shape of drawn.slice(15)) a.client.sendElements([shape]);
    expect(a.client.pendingCount).toBe(30);

    await until([a], () => settled(a), 'A has every edit acked');
    await until([b], () => b.client.scene.size === 30, 'B has every edit');
    expect(digest(b.client.scene.values())).toEqual(digest(a.client.scene.values()));
    expect(digest(await serverScene(room.server.url, room.guest, room.sessionId))).toEqual(digest(drawn));
  });

  it('a client left by its page sends what still waits before it closes, even when the connection is down', async () => {
    // A page's cleanups run parent first: the room asks its client to close, then the notes send
    // their last save. Nothing else waits, so a client that closed at once would drop that save.
    const a = await joined(room.server.url, room.host, room.sessionId);
    a.client.closeWhenIdle();
    await expect(a.client.saveNotes(1, 'Asked about the read/write ratio.')).resolves.toBe(
      'Asked about the read/write ratio.',
    );
    await until([a], () => a.client.status === 'offline', 'A closes once the save is answered');

    // Strokes made while the connection is down go once it is back, then the client closes.
    const partner = await joined(room.server.url, room.guest, room.sessionId);
    const b = await joined(room.server.url, room.host, room.sessionId);
    cut(b);
    await until([b], () => b.client.status === 'reconnecting', 'B is cut off');
    const drawn = Array.from({ length: 5 }, () => aShape());
    for (const shape of drawn) b.client.sendElements([shape]);
    b.client.closeWhenIdle();
    await until([b], () => b.client.status === 'offline', 'B closes once its strokes are stored');
    expect(b.client.pendingCount).toBe(0);
    expect(digest(await serverScene(room.server.url, room.guest, room.sessionId))).toEqual(digest(drawn));
    // Its partner saw the host leave when the line was cut; the client that came back only to
    // deliver was never announced as the host coming back.
    expect(newsOf(partner, room.host)).toEqual(['joined', 'left']);
    const check = await joined(room.server.url, room.host, room.sessionId);
    const { notes } = await check.client.connect();
    expect(notes).toBe('Asked about the read/write ratio.');
  });

  it('a client left by its page while connected says so at once, and its partner hears one departure', async () => {
    const partner = await joined(room.server.url, room.guest, room.sessionId);
    const b = await joined(room.server.url, room.host, room.sessionId);
    const sent = eventsSentBy(b);
    const stroke = aShape();
    b.client.sendElements([stroke]);
    b.client.closeWhenIdle();
    // The departure goes at once, while the stroke still waits to be sent and stored.
    expect(sent).toEqual(['session:depart']);
    expect(b.client.pendingCount).toBe(1);
    await until([b], () => b.client.status === 'offline', 'B closes once its stroke is stored');
    expect(digest(await serverScene(room.server.url, room.guest, room.sessionId))).toEqual(digest([stroke]));
    await until([partner], () => newsOf(partner, room.host).length === 2, 'the partner hears the host leave');
    // A last check that no second departure follows the close: the partner's next join answer.
    await joined(room.server.url, room.guest, room.sessionId);
    expect(newsOf(partner, room.host)).toEqual(['joined', 'left']);
  });

  it('a notes save whose answer was lost with the connection goes again once it is back', async () => {
    const a = await joined(room.server.url, room.host, room.sessionId);
    let cuts = 0;
    a.client.socket.onAnyOutgoing((event: string) => {
      // Cut once the save is on the wire: the server may store it, but its answer cannot come back.
      if (event === 'notes:update' && cuts++ === 0) queueMicrotask(() => cut(a));
    });
    const text = 'Partition the links by short code; cache the hot ones.';
    await expect(a.client.saveNotes(1, text)).resolves.toBe(text);
    expect(cuts).toBe(2);
    const check = await joined(room.server.url, room.host, room.sessionId);
    expect((await check.client.connect()).notes).toBe(text);
  });

  it('a client handed over to the next round’s leaves its person in the room', async () => {
    const partner = await joined(room.server.url, room.guest, room.sessionId);
    const before = await joined(room.server.url, room.host, room.sessionId);
    const sent = eventsSentBy(before);
    const after = await joined(room.server.url, room.host, room.sessionId);
    before.client.sendElements([aShape()]);
    before.client.closeWhenIdle({ stayInRoom: true });
    await until([before], () => before.client.status === 'offline', 'the old client closes once idle');
    after.client.sendElements([aShape()]);
    await until([after], () => settled(after), 'the new client’s stroke is stored');
    expect(sent).not.toContain('session:depart');
    expect(newsOf(partner, room.host)).toEqual(['joined', 'joined']);
  });

  it('a handed-over client departs when asked to close again without staying (the page left after all)', async () => {
    const partner = await joined(room.server.url, room.guest, room.sessionId);
    const before = await joined(room.server.url, room.host, room.sessionId);
    const sent = eventsSentBy(before);
    before.client.sendElements([aShape()]);
    before.client.closeWhenIdle({ stayInRoom: true });
    expect(sent).toEqual([]);
    before.client.closeWhenIdle();
    expect(sent).toEqual(['session:depart']);
    await until([partner], () => newsOf(partner, room.host).length === 2, 'the partner hears the host leave');
    expect(newsOf(partner, room.host)).toEqual(['joined', 'left']);
  });

  it('a client whose connection is cut again and again during a burst of edits ends with the same scene as its peer and the server', async () => {
    const random = new SeededRandom(7);
    const a = await joined(room.server.url, room.host, room.sessionId);
    const b = await joined(room.server.url, room.guest, room.sessionId);
    // The last copy A made of every element: what everyone must end up with.
    const latest = new Map<string, SceneElement>();
    let cuts = 0;
    // Cuts established connections only, as a flaky network does. (Closing the engine while
    // socket.io is still opening it leaves that attempt hanging until its 20 s connect timeout.)
    const cutter = setInterval(() => {
      if (a.client.status !== 'connected') return;
      cuts += 1;
      cut(a);
    }, 300);
    try {
      for (let i = 0; i < 300; i += 1) {
        const ids = [...latest.keys()];
        const target = ids[random.int(ids.length)];
        let copy: SceneElement;
        if (target === undefined || random.chance(0.3)) copy = aShape();
        else if (random.chance(0.1)) copy = edited(latest.get(target)!, { isDeleted: true }, random);
        else copy = edited(latest.get(target)!, { x: Math.round(random.next() * 1000) }, random);
        latest.set(copy.id, copy);
        a.client.sendElements([copy]);
        await pause(10);
      }
    } finally {
      clearInterval(cutter);
    }
    expect(cuts).toBeGreaterThanOrEqual(5);

    await until([a], () => settled(a), 'A has every edit acked');
    const expected = digest(latest.values());
    expect(digest(a.client.scene.values())).toEqual(expected);
    await until([b], () => b.client.scene.size === latest.size, 'B has every element');
    await until(
      [b],
      () => JSON.stringify(digest(b.client.scene.values())) === JSON.stringify(expected),
      'B has the last copy of every element',
    );
    expect(digest(await serverScene(room.server.url, room.guest, room.sessionId))).toEqual(expected);
    expect(a.errors).toEqual([]);
  });

  it('concurrent edits of one element from two peers converge', async () => {
    const random = new SeededRandom(42);
    const a = await joined(room.server.url, room.host, room.sessionId);
    const b = await joined(room.server.url, room.guest, room.sessionId);
    const shapes = Array.from({ length: 5 }, () => aShape());
    a.client.sendElements(shapes);
    await until([b], () => b.client.scene.size === 5, 'B has the five shapes');

    for (let round = 0; round < 40; round += 1) {
      for (const peer of [a, b]) {
        const picks = shapes.filter(() => random.chance(0.5));
        // Both peers edit from their own view, so the same element often gets rival copies.
        peer.client.sendElements(
          picks.map((shape) => {
            const current = peer.client.scene.get(shape.id)!;
            const bump = random.chance(0.3) ? 1 : 0;
            const copy = edited(current, { x: Math.round(random.next() * 1000) }, random);
            return { ...copy, version: copy.version + bump };
          }),
        );
      }
      await pause(random.int(30));
    }

    await until([a, b], () => settled(a) && settled(b), 'both peers have every edit acked');
    const sceneOf = (peer: Peer) => JSON.stringify(digest(peer.client.scene.values()));
    await until([a, b], () => sceneOf(a) === sceneOf(b), 'both peers show the same scene');
    expect(digest(await serverScene(room.server.url, room.host, room.sessionId))).toEqual(
      digest(a.client.scene.values()),
    );
  });

  it('delivers edits the server turned away as rate-limited a little later', async () => {
    const a = await joined(room.server.url, room.host, room.sessionId);
    let sceneUpdates = 0;
    a.client.socket.onAnyOutgoing((event) => (sceneUpdates += event === 'scene:update' ? 1 : 0));
    // Every update counts against the per-socket budget, refused ones too: this burst of empty
    // (bad_request) updates, handled in arrival order before the client's own, spends all of it.
    for (let i = 0; i < 45; i += 1)
      a.client.socket.emit('scene:update', { sessionId: room.sessionId, elements: [] });
    const shapes = Array.from({ length: 20 }, () => aShape());
    a.client.sendElements(shapes);
    await until([a], () => settled(a), 'A has every edit acked');
    expect(sceneUpdates).toBeGreaterThan(1);
    expect(a.errors).toEqual([]);
    expect(digest(await serverScene(room.server.url, room.guest, room.sessionId))).toEqual(digest(shapes));
  });

  it('re-sends the edits queued while the connection was down in batches the server accepts', async () => {
    const a = await joined(room.server.url, room.host, room.sessionId);
    cut(a);
    const many = Array.from({ length: 1_200 }, () => aShape());
    a.client.sendElements(many);
    await until([a], () => settled(a), 'A has all 1,200 edits acked');
    expect(a.errors).toEqual([]);
    expect((await serverScene(room.server.url, room.guest, room.sessionId)).length).toBe(1_200);
  });
});

describe('the collaboration client and a server killed with SIGKILL', () => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  const processes: ServerProcess[] = [];

  beforeEach(async () => {
    ({ env, cleanup } = await serverProcessEnv());
  });
  afterEach(async () => {
    for (const running of processes.splice(0)) {
      running.child.kill('SIGKILL');
      await running.exited;
    }
    await cleanup();
  });

  const start = async (): Promise<ServerProcess> => {
    const started = await startServerProcess(env);
    processes.push(started);
    return started;
  };

  /** Draws `shapes` (a few per tick) and kills the server the moment the last one is acked. */
  async function drawThenKill(shapes: SceneElement[]): Promise<{ host: SignedUpUser; sessionId: string }> {
    const first = await start();
    const host = await signUp(first.url);
    const guest = await signUp(first.url);
    const sessionId = (await aLiveSession(first.url, host, guest)).id;
    let allQueued = false;
    let killed = false;
    const kill = (): void => {
      if (killed) return;
      killed = true;
      first.child.kill('SIGKILL');
    };
    const a = aPeer(first.url, host, sessionId, {
      socketOptions: { transports: ['websocket'], reconnection: false },
      onStatus: (_status, pending) => {
        if (allQueued && pending === 0) kill();
      },
    });
    await a.client.connect();
    for (let i = 0; i < shapes.length; i += 5) {
      a.client.sendElements(shapes.slice(i, i + 5));
      await pause(5);
    }
    allQueued = true;
    if (a.client.pendingCount === 0) kill();
    expect(await first.exited).toBeNull();
    a.client.close();
    return { host, sessionId };
  }

  it('an acked element survives kill -9 of the server', async () => {
    const shape = aShape();
    const { host, sessionId } = await drawThenKill([shape]);
    const second = await start();
    expect(digest(await serverScene(second.url, host, sessionId))).toEqual(digest([shape]));
  });

  it('a burst of 50 acked elements survives kill -9 right after the last ack', async () => {
    const shapes = Array.from({ length: 50 }, () => aShape());
    const { host, sessionId } = await drawThenKill(shapes);
    const second = await start();
    expect(digest(await serverScene(second.url, host, sessionId))).toEqual(digest(shapes));
  });
});

describe('two instances on one Redis', () => {
  const stage = twoInstancesOnRedis();

  it('two instances on one Redis share a room', async () => {
    const { one, two, host, guest, sessionId } = stage;
    const b = await joined(two.url, guest, sessionId);
    const a = await joined(one.url, host, sessionId);
    await until(
      [b],
      () => b.presence.some((event) => event.userId === host.user.id && event.state === 'joined'),
      "B sees A's presence",
    );

    const stroke = aShape();
    a.client.sendElements([stroke]);
    await until([b], () => b.client.scene.has(stroke.id), "B receives A's stroke");
    expect(digest(b.client.scene.values())).toEqual(digest([stroke]));

    // A notification raised on instance one (a booking there) reaches the host's socket on two.
    const hostOnTwo = await connect(two.url, host);
    try {
      const pushed = new Promise<Notification>((resolve) => hostOnTwo.once(NOTIFICATION_EVENT, resolve));
      const later = new Date(new Date(soonStart()).getTime() + 3 * 3_600_000).toISOString();
      const booked = await aLiveSession(one.url, host, guest, { startsAt: later });
      expect(await pushed).toMatchObject({ type: 'booked', sessionId: booked.id });
    } finally {
      hostOnTwo.disconnect();
    }
  });

  it("shows a notes save to the interviewer's tab on the other instance, and not to the partner there", async () => {
    const { one, two, host, guest, sessionId } = stage;
    const typing = await connect(one.url, host);
    const otherTab = await connect(two.url, host);
    const partner = await connect(two.url, guest);
    try {
      for (const socket of [typing, otherTab, partner])
        expect(await call(socket, 'session:join', { sessionId })).toMatchObject({ ok: true });
      const partnerHeard: unknown[] = [];
      partner.on('notes:saved', (event: unknown) => partnerHeard.push(event));
      const shown = new Promise((resolve) => otherTab.once('notes:saved', resolve));
      const text = 'Sharded by short code; asked about hot keys.';
      expect(await call(typing, 'notes:update', { sessionId, round: 1, text })).toEqual({
        ok: true,
        revision: 1,
      });
      expect(await shown).toEqual({ sessionId, round: 1, text, revision: 1 });
      // A cursor relayed after the save crosses Redis after anything the save sent the partner.
      const cursor = new Promise((resolve) => partner.once('pointer:update', resolve));
      typing.emit('pointer:update', { sessionId, pointer: { x: 1, y: 1, tool: 'pointer' }, button: 'up' });
      await cursor;
      expect(partnerHeard).toEqual([]);
    } finally {
      for (const socket of [typing, otherTab, partner]) socket.disconnect();
    }
  });

  it('tells the room on the other instance that a round’s prompt was chosen', async () => {
    const { one, two, host, guest, sessionId } = stage;
    const onTwo = await connect(two.url, host);
    try {
      expect(await call(onTwo, 'session:join', { sessionId })).toMatchObject({ ok: true });
      const heard = new Promise((resolve) => onTwo.once('round:prompt-chosen', resolve));
      // Round 2 is the guest's to interview; the choice is made through instance one.
      await request(one.url)
        .put(`/api/sessions/${sessionId}/rounds/2/prompt`)
        .set(guest.bearer)
        .send({ promptId: 'chat-app' })
        .expect(200);
      expect(await heard).toEqual({ sessionId, round: 2, promptId: 'chat-app' });
    } finally {
      onTwo.disconnect();
    }
  });

  it('an instance that shuts down as its peers leave ends cleanly', async () => {
    const { one, host, guest, sessionId } = stage;
    // Each departure asks every instance whether the user is still in the room. When the instance
    // shuts down meanwhile, its Redis client closes under that question, which the adapter
    // publishes without catching a failure: an unhandled rejection, which ends a Node process.
    const unhandled: unknown[] = [];
    const record = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      for (let round = 0; round < 5; round += 1) {
        const three = await startWithConfig(one.config);
        const leaving = await Promise.all([
          joined(three.url, host, sessionId),
          joined(three.url, guest, sessionId),
        ]);
        leaving.forEach((peer) => peer.client.close());
        await three.app.close();
      }
      // Long enough for a departure's round trips to Redis to have failed, had they been sent.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });

  it('a peer whose connection drops keeps drawing through the other instance', async () => {
    const { one, two, host, guest, sessionId } = stage;
    const a = await joined(one.url, host, sessionId);
    const b = await joined(two.url, guest, sessionId);
    // B has received a broadcast through Redis before its connection drops; after it, B re-joins.
    const first = aShape();
    a.client.sendElements([first]);
    await until([b], () => b.client.scene.has(first.id), "B receives A's first stroke");
    cut(b);
    const stroke = aShape();
    b.client.sendElements([stroke]);
    await until([b], () => settled(b), "B's stroke is acked after the reconnect");
    await until([a], () => a.client.scene.has(stroke.id), "A receives B's stroke");
    expect(b.errors).toEqual([]);
  });
});

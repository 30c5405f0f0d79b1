import { setTimeout as delay } from 'node:timers/promises';
import type { Socket } from 'socket.io-client';
import type { JoinAck } from '@mockboard/contracts';
import { CollabClient } from './support/collab-client';
import type { Server } from 'socket.io';
import { JoinBarrier } from '../src/room/join-barrier';
import { RoomGateway } from '../src/room/room.gateway';
import { SceneElementSeq1764900000000 } from '../src/database/migrations/1764900000000-scene-element-seq';
import { signUp, type SignedUpUser } from './support/factories';
import { aLiveSession, aRectangle, call, connect, waitFor } from './support/room-client';
import {
  aSceneWatcher,
  digest,
  eventually,
  sceneAtVersion,
  storedScene,
  wholeReplay,
} from './support/scene-watcher';
import { startTestApp, startWithConfig, type TestApp } from './support/test-app';
import { SUITE_POSTGRES } from './support/suite-postgres';

/** Admins observe any open room: more joining accounts keep the joins inside each account's budget. */
const WATCHER_EMAILS = ['watcher-1@example.test', 'watcher-2@example.test', 'watcher-3@example.test'];

let server: TestApp;
let watchers: SignedUpUser[];
let host: SignedUpUser;
let guest: SignedUpUser;
let sessionId: string;
const sockets: Socket[] = [];
const clients: CollabClient[] = [];

beforeAll(async () => {
  server = await startTestApp({ ADMIN_EMAILS: WATCHER_EMAILS.join(',') });
  watchers = [];
  for (const email of WATCHER_EMAILS) watchers.push(await signUp(server.url, { email }));
});
beforeEach(async () => {
  host = await signUp(server.url);
  guest = await signUp(server.url);
  sessionId = (await aLiveSession(server.url, host, guest)).id;
});
afterEach(() => {
  sockets.splice(0).forEach((socket) => socket.disconnect());
  clients.splice(0).forEach((client) => client.close());
});
afterAll(() => server?.close());

async function joinedSocket(user: SignedUpUser): Promise<Socket> {
  const socket = await connect(server.url, user);
  sockets.push(socket);
  expect(await call(socket, 'session:join', { sessionId })).toMatchObject({ ok: true });
  return socket;
}

async function watcherOf(user: SignedUpUser) {
  const watcher = await aSceneWatcher(server.url, user, sessionId);
  sockets.push(watcher.socket);
  return watcher;
}

/** Sends one scene:update and resolves with its ack (a rate-limited one was neither relayed nor stored). */
function send(
  socket: Socket,
  elements: Record<string, unknown>[],
  session = sessionId,
): Promise<{ ok: boolean }> {
  return call<{ ok: boolean }>(socket, 'scene:update', { sessionId: session, elements });
}

/**
 * Round after round, a new tab joins while the drawers add shapes, and must end with the stored
 * scene. Returns the rounds whose tab never got some stored shape (it stops at three: each costs a
 * wait).
 */
async function joinsMissingEdits(
  app: Pick<TestApp, 'url' | 'dataSource'>,
  session: string,
  drawers: readonly Socket[],
  joiners: readonly SignedUpUser[],
  rounds: number,
): Promise<string[]> {
  const missed: string[] = [];
  for (let round = 0; round < rounds && missed.length < 3; round += 1) {
    const watcher = await aSceneWatcher(app.url, joiners[round % joiners.length]!, session);
    sockets.push(watcher.socket);
    // The join leaves in the same tick as an update, and more updates follow while it is served:
    // some are relayed before the joiner is in the room and stored after a naive scene read.
    const draw = () => drawers.map((drawer) => send(drawer, [aRectangle()], session));
    const acks = draw();
    const joined = watcher.join();
    for (let step = 0; step < 5; step += 1) {
      await delay(6);
      acks.push(...draw());
    }
    await joined;
    await Promise.all(acks);
    const converged = await eventually(async () => {
      const stored = await storedScene(app.dataSource, session);
      return JSON.stringify(digest(watcher.view.values())) === JSON.stringify(digest(stored));
    });
    if (!converged) {
      const stored = await storedScene(app.dataSource, session);
      const lost = stored.filter((element) => !watcher.view.has(element.id)).map((element) => element.id);
      missed.push(`join ${round + 1} never got ${lost.join(', ')}`);
    }
    watcher.socket.disconnect();
    // Keeps each drawer inside its scene budget (40 a second).
    await delay(120);
  }
  return missed;
}

describe('a tab that joins while its partner draws', () => {
  it('ends with every stored edit, join after join (24 joins)', async () => {
    const drawers = [await joinedSocket(host), await joinedSocket(guest)];
    expect(await joinsMissingEdits(server, sessionId, drawers, watchers, 24)).toEqual([]);
  });

  it("answers with a version whose log prefix is exactly the join's elements, under concurrent writes", async () => {
    const drawer = await joinedSocket(host);
    const eraser = await joinedSocket(guest);
    // A big scene takes a while to read: a naive read lets many commits land in that while.
    for (let batch = 0; batch < 6; batch += 1) {
      const shapes = Array.from({ length: 500 }, () => aRectangle());
      expect(await send(drawer, shapes)).toMatchObject({ ok: true });
    }
    await delay(1_000); // a fresh scene budget for the drawer
    const joins: JoinAck[] = [];
    const created: Record<string, unknown>[] = [];
    const writes: Promise<unknown>[] = [];
    let writing = true;
    // One author per element and change, so the log keeps every row (no coalescing of a drag).
    const drawing = (async () => {
      while (writing) {
        const shape = aRectangle();
        created.push(shape);
        writes.push(send(drawer, [shape]));
        const old = created.length > 4 ? created[created.length - 4] : undefined;
        if (old) writes.push(send(eraser, [{ ...old, version: 2, isDeleted: true }]));
        await delay(30);
      }
    })();
    const joiners = [host, ...watchers];
    for (let round = 0; round < 12; round += 1) {
      const watcher = await watcherOf(joiners[round % joiners.length]!);
      joins.push(await watcher.join());
      watcher.socket.disconnect();
      await delay(20);
    }
    writing = false;
    await drawing;
    await Promise.all(writes);

    const log = await wholeReplay(server.url, host, sessionId);
    for (const join of joins) {
      expect({ version: join.scene.version, elements: digest(join.scene.elements) }).toEqual({
        version: join.scene.version,
        elements: digest(sceneAtVersion(log, join.scene.version)),
      });
    }
  });
});

describe('a join since a version', () => {
  it('returns only what changed after that version, deletions included, flagged to be merged', async () => {
    const drawer = await joinedSocket(host);
    const [kept, moved, erased] = [aRectangle(), aRectangle(), aRectangle()];
    expect(await send(drawer, [kept, moved, erased])).toMatchObject({ ok: true });
    const first = await (await watcherOf(guest)).join();
    expect(first.scene.since).toBeUndefined();
    expect(digest(first.scene.elements)).toEqual(digest([kept, moved, erased] as never[]));

    const movedAgain = { ...moved, x: 500, version: 2 };
    const erasedNow = { ...erased, version: 2, isDeleted: true };
    const added = aRectangle();
    expect(await send(drawer, [movedAgain, erasedNow, added])).toMatchObject({ ok: true });
    // A phase change writes a log row too; it is not a scene change and moves no version.
    expect(await call(drawer, 'session:phase', { sessionId, phase: 'estimation' })).toMatchObject({
      ok: true,
    });

    const rejoin = await (await watcherOf(guest)).join(first.scene.version);
    expect(rejoin.scene.since).toBe(first.scene.version);
    expect(digest(rejoin.scene.elements)).toEqual(digest([movedAgain, erasedNow, added] as never[]));
    const log = await wholeReplay(server.url, host, sessionId);
    expect(rejoin.scene.version).toBe(Math.max(...log.filter((e) => e.kind === 'scene').map((e) => e.seq)));

    const upToDate = await (await watcherOf(guest)).join(rejoin.scene.version);
    expect(upToDate.scene).toEqual({
      elements: [],
      version: rejoin.scene.version,
      since: rejoin.scene.version,
    });
  });

  it('knows, after the migration, when each element stored before it last changed', async () => {
    const drawer = await joinedSocket(host);
    const [moved, still] = [aRectangle(), aRectangle()];
    expect(await send(drawer, [moved, still])).toMatchObject({ ok: true });
    const before = await (await watcherOf(guest)).join();
    expect(await send(drawer, [{ ...moved, version: 2, x: 900 }])).toMatchObject({ ok: true });
    const seqsNow = async () =>
      (await server.dataSource.query(
        `SELECT element_id, seq FROM scene_elements WHERE session_id = $1 ORDER BY element_id`,
        [sessionId],
      )) as { element_id: string; seq: string }[];
    const written = await seqsNow();

    const migration = new SceneElementSeq1764900000000();
    const runner = server.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }

    expect(await seqsNow()).toEqual(written);
    const rejoin = await (await watcherOf(guest)).join(before.scene.version);
    expect(rejoin.scene.elements.map((element) => element.id)).toEqual([moved.id]);
  });

  it('answers a version it does not know (ahead of the store) with the whole scene', async () => {
    const drawer = await joinedSocket(host);
    const shape = aRectangle();
    expect(await send(drawer, [shape])).toMatchObject({ ok: true });
    const ahead = await (await watcherOf(guest)).join(1_000_000_000);
    expect(ahead.scene.since).toBeUndefined();
    expect(digest(ahead.scene.elements)).toEqual(digest([shape] as never[]));
  });

  it('refuses a since that is not a version', async () => {
    const socket = await connect(server.url, guest);
    sockets.push(socket);
    expect(await call(socket, 'session:join', { sessionId, since: -1 })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
  });
});

describe('the collaboration client', () => {
  it('re-joins after a dropped connection asking only for what changed since its last join', async () => {
    const drawer = await joinedSocket(host);
    const [erased, kept] = [aRectangle(), aRectangle()];
    expect(await send(drawer, [erased, kept])).toMatchObject({ ok: true });
    const client = new CollabClient({
      sessionId,
      url: server.url,
      token: guest.accessToken,
      socketOptions: { transports: ['websocket'] },
    });
    clients.push(client);
    const joinRequests: unknown[] = [];
    client.socket.onAnyOutgoing((event: string, payload: unknown) => {
      if (event === 'session:join') joinRequests.push(payload);
    });
    const first = await client.connect();
    expect(digest(client.scene.values())).toEqual(digest([erased, kept] as never[]));

    client.socket.io.engine?.close();
    await waitFor(() => client.status === 'reconnecting');
    const added = aRectangle();
    expect(await send(drawer, [added, { ...erased, version: 2, isDeleted: true }])).toMatchObject({
      ok: true,
    });
    await waitFor(() => client.status === 'connected' && joinRequests.length === 2);

    expect(joinRequests).toEqual([{ sessionId }, { sessionId, since: first.scene.version }]);
    const converged = await eventually(async () => {
      const stored = await storedScene(server.dataSource, sessionId);
      return JSON.stringify(digest(client.scene.values())) === JSON.stringify(digest(stored));
    });
    expect(converged).toBe(true);
    expect(client.scene.get(erased.id as string)?.isDeleted).toBe(true);
  });
});

const REDIS_URL = 'redis://127.0.0.1:6379';

describe('two instances on one Redis', () => {
  let one: TestApp;
  let two: TestApp;
  let clusterWatchers: SignedUpUser[];

  beforeAll(async () => {
    one = await startTestApp({
      REDIS_URL,
      DATABASE_URL: SUITE_POSTGRES,
      ADMIN_EMAILS: WATCHER_EMAILS.join(','),
    });
    two = await startWithConfig(one.config);
    clusterWatchers = [];
    for (const email of WATCHER_EMAILS) clusterWatchers.push(await signUp(one.url, { email }));
  });
  afterAll(async () => {
    await two?.app.close();
    await one?.close();
  });

  it('a tab joining through one instance gets every edit made through the other (20 joins)', async () => {
    const drawerUser = await signUp(one.url);
    const partner = await signUp(one.url);
    const session = (await aLiveSession(one.url, drawerUser, partner)).id;
    const drawer = await connect(two.url, drawerUser);
    sockets.push(drawer);
    expect(await call(drawer, 'session:join', { sessionId: session })).toMatchObject({ ok: true });
    const joiners = [partner, ...clusterWatchers];
    expect(await joinsMissingEdits(one, session, [drawer], joiners, 20)).toEqual([]);
  });

  it('a join still answers when another instance does not confirm its stored updates', async () => {
    const user = await signUp(one.url);
    const session = (await aLiveSession(one.url, user, await signUp(one.url))).id;
    // Instance two stops answering (as one that hangs would), for this test only.
    const io = (two.app.get(RoomGateway) as unknown as { server: Server }).server;
    io.of('/').removeAllListeners('scene:settle');
    try {
      const socket = await connect(one.url, user);
      sockets.push(socket);
      expect(await call(socket, 'session:join', { sessionId: session })).toMatchObject({
        ok: true,
        scene: { elements: [] },
      });
    } finally {
      two.app.get(JoinBarrier).listen(io);
    }
  });
});

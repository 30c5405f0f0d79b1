import type { Socket } from 'socket.io-client';
import request from 'supertest';
import type { BoardResponse, JoinAck, SessionState } from '@mockboard/contracts';
import { CollabClient, CollabError } from './support/collab-client';
import { signUp, type SignedUpUser } from './support/factories';
import { aLiveSession, aRectangle, call, connect } from './support/room-client';
import { wholeReplay } from './support/scene-watcher';
import { startTestApp, type TestApp } from './support/test-app';

type Ack = { ok: boolean; error?: { code: string; message: string } };

let server: TestApp;
let host: SignedUpUser;
let guest: SignedUpUser;
let sessionId: string;
const sockets: Socket[] = [];
const clients: CollabClient[] = [];

beforeAll(async () => {
  server = await startTestApp();
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

async function joined(user: SignedUpUser): Promise<{ socket: Socket; ack: JoinAck }> {
  const socket = await connect(server.url, user);
  sockets.push(socket);
  const ack = await call<JoinAck>(socket, 'session:join', { sessionId });
  expect(ack).toMatchObject({ ok: true });
  return { socket, ack };
}

function draw(socket: Socket, element: Record<string, unknown>, round?: number): Promise<Ack> {
  return call<Ack>(socket, 'scene:update', { sessionId, elements: [element], ...(round ? { round } : {}) });
}

async function board(round: number): Promise<string[]> {
  const body: BoardResponse = (
    await request(server.url)
      .get(`/api/sessions/${sessionId}/board?round=${round}`)
      .set(guest.bearer)
      .expect(200)
  ).body;
  return body.elements.map((element) => element.id).sort();
}

describe('each round draws on its own board', () => {
  it('starts round 2 on an empty board, stores a late round-1 stroke in round 1, and replays both', async () => {
    const first = await joined(host);
    const sketch = aRectangle();
    expect(await draw(first.socket, sketch)).toMatchObject({ ok: true });
    expect(await call(first.socket, 'session:swap', { sessionId })).toMatchObject({ ok: true });

    // Both join again for round 2, as the page does: its board is empty.
    const interviewer = await joined(guest);
    expect(interviewer.ack.round).toBe(2);
    expect(interviewer.ack.scene.elements).toEqual([]);
    const roundTwo = aRectangle();
    expect(await draw(interviewer.socket, roundTwo)).toMatchObject({ ok: true });

    // A stroke still on its way from round 1 lands on round 1's board, never on round 2's, and a
    // peer on round 2's board is told which board it is for.
    const heard = new Promise<{ round?: number }>((resolve) =>
      interviewer.socket.once('scene:update', resolve),
    );
    const late = aRectangle();
    expect(await draw(first.socket, late, 1)).toMatchObject({ ok: true });
    expect((await heard).round).toBe(1);

    const candidate = await joined(host);
    expect(candidate.ack.scene.elements.map((element) => element.id)).toEqual([roundTwo.id]);
    expect(await board(1)).toEqual([sketch.id, late.id].sort());
    expect(await board(2)).toEqual([roundTwo.id]);

    // The replay marks the round and says which board each change was drawn on.
    const entries = await wholeReplay(server.url, host, sessionId);
    const marker = entries.findIndex((entry) => entry.kind === 'round');
    expect(entries[marker]).toMatchObject({ round: 2 });
    const boardOf = (id: string) => entries.find((entry) => entry.element?.id === id)?.round;
    expect([
      boardOf(sketch.id as string),
      boardOf(roundTwo.id as string),
      boardOf(late.id as string),
    ]).toEqual([1, 2, 1]);
    expect(entries.findIndex((entry) => entry.element?.id === sketch.id)).toBeLessThan(marker);

    // After the session, each round's whiteboard is drawn from its own board.
    const svgOf = async (query: string) => {
      const response = await request(server.url)
        .get(`/api/sessions/${sessionId}/whiteboard.svg${query}`)
        .set(host.bearer)
        .expect(200);
      return Buffer.isBuffer(response.body) ? response.body.toString('utf8') : response.text;
    };
    const shapes = (svg: string) => (svg.match(/<(path|rect|polygon)\b/g) ?? []).length;
    const [roundOne, roundTwoSvg, final] = await Promise.all([
      svgOf('?round=1'),
      svgOf('?round=2'),
      svgOf(''),
    ]);
    expect(roundOne).toContain('Round 1 whiteboard');
    expect(roundTwoSvg).toContain('Round 2 whiteboard');
    expect(final).toContain('Round 2 whiteboard');
    expect(shapes(roundOne)).toBeGreaterThan(shapes(roundTwoSvg));
    await request(server.url)
      .get(`/api/sessions/${sessionId}/whiteboard.svg?round=3`)
      .set(host.bearer)
      .expect(400);
  });

  it('refuses a stroke for a round that has not started, and a board query for no round', async () => {
    const { socket } = await joined(host);
    const early = await draw(socket, aRectangle(), 2);
    expect(early).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(early.error?.message).toMatch(/Round 2 has not started/);
    expect(await board(2)).toEqual([]);
    const bad = await request(server.url).get(`/api/sessions/${sessionId}/board?round=3`).set(host.bearer);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/must be 1 or 2/);
    const stranger = await signUp(server.url);
    await request(server.url)
      .get(`/api/sessions/${sessionId}/board?round=1`)
      .set(stranger.bearer)
      .expect(404);
  });
});

describe("the swapper's answer", () => {
  /** A client that, like the room page, gives the room to a new client once the round changes. */
  async function aSwappingClient(onNewRound: (client: CollabClient) => void) {
    let joinedRound: number | null = null;
    const client: CollabClient = new CollabClient({
      sessionId,
      url: server.url,
      token: host.accessToken,
      socketOptions: { transports: ['websocket'] },
      onState: (state: SessionState) => {
        if (joinedRound !== null && state.round !== joinedRound) onNewRound(client);
      },
    });
    clients.push(client);
    joinedRound = (await client.connect()).round;
    return client;
  }

  it('is read although the new round hands the room over at once (closeWhenIdle)', async () => {
    const client = await aSwappingClient((old) => old.closeWhenIdle());
    await expect(client.swapRoles()).resolves.toMatchObject({ round: 2 });
    expect(client.status).toBe('offline');
  });

  it('would be lost by closing the old client at once, which is what made the swap look failed', async () => {
    const client = await aSwappingClient((old) => old.close());
    const swap = client.swapRoles();
    await expect(swap).rejects.toBeInstanceOf(CollabError);
    await expect(swap).rejects.toThrow('The connection dropped before the server answered; please retry');
  });
});

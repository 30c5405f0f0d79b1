import type { Socket } from 'socket.io-client';
import { signUp } from './support/factories';
import { aLiveSession, aRectangle, call, connect } from './support/room-client';
import { serverProcessEnv, startServerProcess, type ServerProcess } from './support/server-process';

interface SceneAck {
  ok: boolean;
  error?: { code: string; message: string };
}

/**
 * A server short of CPU reads each socket's messages late and in bunches (busy neighbours, a
 * saturated loop; here, the process paused with SIGSTOP). What a client sent within its rate
 * while the server could not read must still be taken, not refused as a burst (issue 18).
 */
describe('a server that was paused while a client kept drawing', () => {
  let server: ServerProcess;
  let cleanup: () => Promise<void>;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    const prepared = await serverProcessEnv();
    cleanup = prepared.cleanup;
    server = await startServerProcess(prepared.env);
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    server?.child.kill('SIGCONT');
    server?.child.kill('SIGKILL');
    await server?.exited;
    await cleanup?.();
  });

  it('acks every stroke of a 10 Hz client sent during a 6 s pause, and stores them all', async () => {
    const host = await signUp(server.url);
    const guest = await signUp(server.url);
    const sessionId = (await aLiveSession(server.url, host, guest)).id;
    const drawer = await connect(server.url, host);
    sockets.push(drawer);
    expect((await call<{ ok: boolean }>(drawer, 'session:join', { sessionId })).ok).toBe(true);
    const stroke = (index: number) => ({
      sessionId,
      elements: [aRectangle({ id: `paused-${index}`, x: index * 10 })],
    });
    // A first stroke on a server that keeps up.
    expect(((await drawer.timeout(10_000).emitWithAck('scene:update', stroke(0))) as SceneAck).ok).toBe(true);

    server.child.kill('SIGSTOP');
    const acks: Promise<SceneAck>[] = [];
    const count = 60;
    for (let index = 1; index <= count; index += 1) {
      acks.push(drawer.timeout(60_000).emitWithAck('scene:update', stroke(index)) as Promise<SceneAck>);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    server.child.kill('SIGCONT');

    const refused = (await Promise.all(acks)).filter((ack) => !ack.ok).map((ack) => ack.error);
    expect(refused).toEqual([]);
    // A tab that joins now gets every stroke from the database.
    const joiner = await connect(server.url, guest);
    sockets.push(joiner);
    const joined = await call<{ ok: boolean; scene: { elements: { id: string }[] } }>(
      joiner,
      'session:join',
      {
        sessionId,
      },
    );
    expect(joined.scene.elements.map((element) => element.id).sort()).toEqual(
      Array.from({ length: count + 1 }, (_, index) => `paused-${index}`).sort(),
    );
  });
});

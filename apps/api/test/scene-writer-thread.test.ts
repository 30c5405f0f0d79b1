import { Client } from 'pg';
import type { Socket } from 'socket.io-client';
import { signUp } from './support/factories';
import { aLiveSession, aRectangle, call, connect } from './support/room-client';
import { liveRoomStage } from './support/room-stage';
import { startTestApp } from './support/test-app';
import { sceneWriterConnectionName } from '../src/room/scene-batch-messages';

/** The writer thread exists on PostgreSQL only: this file always runs there (DATABASE_URL, or CI's local one). */
const postgresUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/**
 * Issue 18: on PostgreSQL, scene batches are written from a thread of their own with its own
 * connection, so their round trips no longer wait behind the room's socket traffic.
 */
describe('the scene writer thread (PostgreSQL)', () => {
  const room = liveRoomStage({ DATABASE_URL: postgresUrl });

  const writerBackends = async (): Promise<number[]> => {
    const rows = (await room.server.dataSource.query(
      `SELECT pid FROM pg_stat_activity WHERE application_name = $1`,
      [sceneWriterConnectionName(room.server.config.database.schema)],
    )) as { pid: number }[];
    return rows.map((row) => row.pid);
  };

  const storedVersion = async (elementId: string): Promise<number | undefined> => {
    const rows = (await room.server.dataSource.query(
      `SELECT version FROM scene_elements WHERE session_id = $1 AND element_id = $2`,
      [room.sessionId, elementId],
    )) as { version: number }[];
    return rows[0]?.version;
  };

  const draw = (socket: Socket, id: string, version: number) =>
    call(socket, 'scene:update', { sessionId: room.sessionId, elements: [aRectangle({ id, version })] });

  it('acks an update once its own connection committed it, and a join then sees it', async () => {
    const sender = await room.joined(room.host);
    expect(await draw(sender, 'box', 1)).toMatchObject({ ok: true, version: expect.any(Number) });

    expect(await writerBackends()).toHaveLength(1);
    expect(await storedVersion('box')).toBe(1);
    const partner = await room.joined(room.guest);
    const join = await call<{ scene: { elements: { id: string }[] } }>(partner, 'session:join', {
      sessionId: room.sessionId,
    });
    expect(join.scene.elements.map((element) => element.id)).toContain('box');
  });

  it('reconnects when its connection was cut, and loses nothing acked', async () => {
    const sender = await room.joined(room.host);
    expect(await draw(sender, 'before', 1)).toMatchObject({ ok: true });
    const [cut] = await writerBackends();
    await room.server.dataSource.query(`SELECT pg_terminate_backend($1)`, [cut]);

    for (let version = 1; version <= 5; version += 1)
      expect(await draw(sender, 'after', version)).toMatchObject({ ok: true });
    const backends = await writerBackends();
    expect(backends).toHaveLength(1);
    expect(backends).not.toContain(cut);
    expect(await storedVersion('before')).toBe(1);
    expect(await storedVersion('after')).toBe(5);
  });

  it('closes its connection when the server shuts down', async () => {
    const other = await startTestApp({ DATABASE_URL: postgresUrl });
    const name = sceneWriterConnectionName(other.config.database.schema);
    const probe = new Client({ connectionString: postgresUrl });
    await probe.connect();
    const writerConnections = async () =>
      (
        await probe.query<{ count: number }>(
          `SELECT count(*)::int AS count FROM pg_stat_activity WHERE application_name = $1`,
          [name],
        )
      ).rows[0]!.count;
    try {
      const [host, guest] = [await signUp(other.url), await signUp(other.url)];
      const { id: sessionId } = await aLiveSession(other.url, host, guest);
      const sender = await connect(other.url, host);
      expect(await call(sender, 'session:join', { sessionId })).toMatchObject({ ok: true });
      const elements = [aRectangle({ id: 'box', version: 1 })];
      expect(await call(sender, 'scene:update', { sessionId, elements })).toMatchObject({ ok: true });
      sender.disconnect();
      expect(await writerConnections()).toBe(1);
      await other.close();
      expect(await writerConnections()).toBe(0);
    } finally {
      await probe.end();
    }
  });
});

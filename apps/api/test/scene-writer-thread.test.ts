import { Client } from 'pg';
import type { Socket } from 'socket.io-client';
import { signUp } from './support/factories';
import { aLiveSession, aRectangle, call, connect } from './support/room-client';
import { liveRoomStage } from './support/room-stage';
import { startTestApp } from './support/test-app';
import { sceneWriterConnectionName } from '../src/room/scene-batch-messages';
import { SCENE_LOCK_CLASS } from '../src/room/scene-batch.repository';
import { SUITE_POSTGRES } from './support/suite-postgres';

/**
 * Issue 18: on PostgreSQL, scene batches are written from a thread of their own with its own
 * connection, so their round trips no longer wait behind the room's socket traffic.
 */
describe('the scene writer thread (PostgreSQL)', () => {
  const room = liveRoomStage({ DATABASE_URL: SUITE_POSTGRES });

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

  const waitUntil = async (condition: () => Promise<boolean>) => {
    for (const started = Date.now(); !(await condition());) {
      if (Date.now() - started > 10_000) throw new Error('Waited 10 s in vain');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
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

  it('writes a batch again on a new connection when its own was cut mid-batch', async () => {
    const sender = await room.joined(room.host);
    expect(await draw(sender, 'warm-up', 1)).toMatchObject({ ok: true });
    const [cut] = await writerBackends();
    // The scene lock held from another connection stops the writer's next batch inside its transaction.
    const holder = room.server.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [SCENE_LOCK_CLASS, room.sessionId]);
    try {
      const ack = draw(sender, 'box', 1);
      await waitUntil(async () => {
        const rows = (await room.server.dataSource.query(
          `SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1`,
          [cut],
        )) as { wait_event_type: string | null }[];
        return rows[0]?.wait_event_type === 'Lock';
      });
      await room.server.dataSource.query(`SELECT pg_terminate_backend($1)`, [cut]);
      await holder.commitTransaction();
      expect(await ack).toMatchObject({ ok: true });
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
    }
    expect(await storedVersion('box')).toBe(1);
    expect(await draw(sender, 'box', 2)).toMatchObject({ ok: true });
    const backends = await writerBackends();
    expect(backends).toHaveLength(1);
    expect(backends).not.toContain(cut);
  });

  it('commits nothing of a batch whose element write fails after its log write, and refuses its update', async () => {
    const sender = await room.joined(room.host);
    expect(await draw(sender, 'box', 1)).toMatchObject({ ok: true });
    const writer = await writerBackends();
    const logRows = async () =>
      (
        (await room.server.dataSource.query(
          `SELECT count(*)::int AS count FROM room_events WHERE session_id = $1 AND kind = 'scene'`,
          [room.sessionId],
        )) as { count: number }[]
      )[0]!.count;
    const logged = await logRows();
    // The element rows refuse this id; the log (written before them, in the same batch) does not.
    await room.server.dataSource.query(
      `ALTER TABLE scene_elements ADD CONSTRAINT test_refuses_poison CHECK (element_id <> 'poison') NOT VALID`,
    );
    try {
      const reply = await draw(sender, 'poison', 1);
      expect(reply).toMatchObject({ ok: false, error: { code: expect.any(String) } });
      expect(JSON.stringify(reply)).not.toMatch(/test_refuses_poison|violates/);
    } finally {
      await room.server.dataSource.query(`ALTER TABLE scene_elements DROP CONSTRAINT test_refuses_poison`);
    }
    expect(await logRows()).toBe(logged);
    expect(await storedVersion('poison')).toBeUndefined();
    // The writer goes on, on the same connection.
    expect(await draw(sender, 'box', 2)).toMatchObject({ ok: true });
    expect(await storedVersion('box')).toBe(2);
    expect(await writerBackends()).toEqual(writer);
  });

  it('closes its connection when the server shuts down', async () => {
    const other = await startTestApp({ DATABASE_URL: SUITE_POSTGRES });
    const name = sceneWriterConnectionName(other.config.database.schema);
    const probe = new Client({ connectionString: SUITE_POSTGRES });
    await probe.connect();
    const writerConnections = async () =>
      (
        await probe.query<{ count: number }>(
          `SELECT count(*)::int AS count FROM pg_stat_activity WHERE application_name = $1`,
          [name],
        )
      ).rows[0]!.count;
    let closed = false;
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
      closed = true;
      expect(await writerConnections()).toBe(0);
    } finally {
      await probe.end();
      if (!closed) await other.close();
    }
  });
});

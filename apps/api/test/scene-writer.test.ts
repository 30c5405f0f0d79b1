import { ROOM_LIMITS } from '@mockboard/contracts';
import { signUp } from './support/factories';
import { aCheckedRectangle, aLiveSession } from './support/room-client';
import { aSceneUsage, sceneUsageOf } from './support/room-factories';
import type { DomainError } from '../src/common/domain-error';
import { SceneWriter } from '../src/room/scene-writer';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The group-commit writer on the real database: updates submitted together are written in one
 * transaction, and the outcome must be the one applying them one by one would give.
 */
describe('the scene writer', () => {
  let server: TestApp;
  let writer: SceneWriter;

  beforeAll(async () => {
    server = await startTestApp();
    writer = server.app.get(SceneWriter);
  });
  afterAll(() => server.close());

  const aSession = async () =>
    (await aLiveSession(server.url, await signUp(server.url), await signUp(server.url))).id;
  const element = (id: string, version: number, overrides: Record<string, unknown> = {}) =>
    aCheckedRectangle({ id, version, versionNonce: 1000, ...overrides });
  const stored = async (sessionId: string) =>
    (
      (await server.dataSource.query(
        `SELECT element_id, version FROM scene_elements WHERE session_id = $1 ORDER BY element_id`,
        [sessionId],
      )) as { element_id: string; version: number }[]
    ).map((row) => `${row.element_id}@${row.version}`);
  const logged = async (sessionId: string) =>
    (
      (await server.dataSource.query(
        `SELECT element->>'id' AS id, element->>'version' AS version FROM room_events
         WHERE session_id = $1 AND kind = 'scene' ORDER BY seq`,
        [sessionId],
      )) as { id: string; version: string }[]
    ).map((row) => `${row.id}@${row.version}`);

  it('writes updates for several sessions submitted together as applying them one by one would', async () => {
    const [first, second] = [await aSession(), await aSession()];
    const results = await Promise.all([
      writer.submit(first, [element('a', 1)]),
      writer.submit(second, [element('b', 1)]),
      writer.submit(first, [element('a', 3)]),
      writer.submit(first, [element('a', 2)]), // older than the copy just before it: changes nothing
      writer.submit(second, [element('b', 2), element('c', 1)]),
    ]);

    expect(results.map((result) => result.accepted.map((copy) => `${copy.id}@${copy.version}`))).toEqual([
      ['a@1'],
      ['b@1'],
      ['a@3'],
      [],
      ['b@2', 'c@1'],
    ]);
    const [a1, b1, a3, a2, b2] = results.map((result) => result.version);
    expect(a3).toBeGreaterThan(a1!);
    expect(a2).toBe(a3); // nothing changed: the scene's version as it was
    expect(b2).toBeGreaterThan(b1!);
    expect(await stored(first)).toEqual(['a@3']);
    expect(await stored(second)).toEqual(['b@2', 'c@1']);
    expect(await logged(first)).toEqual(['a@1', 'a@3']);
    expect(await logged(second)).toEqual(['b@1', 'b@2', 'c@1']);
  });

  it('counts the new elements of every update in a batch against the scene cap', async () => {
    const sessionId = await aSession();
    await server.dataSource.query(
      `INSERT INTO scene_elements (session_id, element_id, version, version_nonce, is_deleted, data)
       SELECT $1, 'bulk-' || i, 1, 1, false, jsonb_build_object('id', 'bulk-' || i)
       FROM generate_series(1, 9998) AS i`,
      [sessionId],
    );
    const outcomes = await Promise.allSettled([
      writer.submit(sessionId, [element('n1', 1)]), // 9,999
      writer.submit(sessionId, [element('n2', 1), element('n3', 1)]), // would be 10,001
      writer.submit(sessionId, [element('n2', 1)]), // 10,000
      writer.submit(sessionId, [element('bulk-1', 2), element('n1', 2)]), // edits only
      writer.submit(sessionId, [element('n4', 1)]), // would be 10,001
    ]);

    expect(
      outcomes.map((outcome) =>
        outcome.status === 'fulfilled' ? 'stored' : (outcome.reason as DomainError).kind,
      ),
    ).toEqual(['stored', 'too_large', 'stored', 'stored', 'too_large']);
    const [{ count }] = await server.dataSource.query(
      `SELECT count(*)::int AS count FROM scene_elements WHERE session_id = $1`,
      [sessionId],
    );
    expect(count).toBe(10_000);
  }, 60_000);

  it('fails only the update the database refuses, never the others written with it', async () => {
    const [first, second] = [await aSession(), await aSession()];
    // Half a surrogate pair: the gateway refuses it, so only a direct submit can get it this far.
    const poison = element('poison', 1, { type: 'text', text: 'half \udc00 pair' });
    const outcomes = await Promise.allSettled([
      writer.submit(first, [element('before', 1)]), // written alone: the writer was idle
      ...['b', 'c', 'd'].map((id) => writer.submit(first, [element(id, 1)])),
      writer.submit(second, [poison]),
      ...['e', 'f'].map((id) => writer.submit(first, [element(id, 1)])),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect((outcomes[4] as PromiseRejectedResult).reason).toMatchObject({ kind: 'internal' });
    expect(await stored(first)).toEqual(['b@1', 'before@1', 'c@1', 'd@1', 'e@1', 'f@1']);
    expect(await stored(second)).toEqual([]);
  });

  const outcomesOf = (settled: PromiseSettledResult<unknown>[]) =>
    settled.map((outcome) =>
      outcome.status === 'fulfilled'
        ? 'stored'
        : `${(outcome.reason as DomainError).kind}:${(outcome.reason as DomainError).details.budget}`,
    );
  const bytesOf = (checked: { json: string }) => Buffer.byteLength(checked.json);

  it('keeps the byte counters of the scene and the log exact, in UTF-8 bytes', async () => {
    const sessionId = await aSession();
    const first = element('a', 1, { text: 'größer ✓' });
    const second = element('a', 2, { text: 'größer ✓✓✓' });
    const other = element('b', 1);
    await writer.submit(sessionId, [first, other]);
    await writer.submit(sessionId, [second]);

    const [stored] = (await server.dataSource.query(
      `SELECT sum(bytes)::int AS scene,
         (SELECT sum(octet_length(element::text))::int FROM room_events WHERE session_id = $1) AS log
       FROM scene_elements WHERE session_id = $1`,
      [sessionId],
    )) as { scene: number; log: number }[];
    expect(await sceneUsageOf(server.dataSource, sessionId)).toEqual({
      sceneBytes: bytesOf(second) + bytesOf(other),
      logBytes: bytesOf(first) + bytesOf(other) + bytesOf(second),
    });
    expect(stored).toEqual({
      scene: bytesOf(second) + bytesOf(other),
      log: bytesOf(first) + bytesOf(other) + bytesOf(second),
    });
  });

  it('refuses what would pass the scene budget, names it, and keeps the stored copy', async () => {
    const sessionId = await aSession();
    await writer.submit(sessionId, [element('kept', 1)]);
    const { sceneBytes } = await sceneUsageOf(server.dataSource, sessionId);
    await aSceneUsage(server.dataSource, sessionId, { sceneBytes: ROOM_LIMITS.maxSceneBytes - 10 });

    const refused = writer.submit(sessionId, [element('kept', 2, { text: 'a longer text than before' })]);
    await expect(refused).rejects.toMatchObject({ kind: 'too_large', details: { budget: 'scene' } });
    await expect(refused).rejects.toThrow(/whiteboard is full.*10 MB/);
    expect(await stored(sessionId)).toEqual(['kept@1']);
    expect(sceneBytes).toBeGreaterThan(0);
    // Deleting still works on a full board, and so does an edit that makes the scene smaller.
    await expect(writer.submit(sessionId, [element('kept', 3, { isDeleted: true })])).resolves.toMatchObject({
      accepted: [{ id: 'kept', isDeleted: true }],
    });
  });

  it('refuses what the log has no room for, and names the log', async () => {
    const sessionId = await aSession();
    await aSceneUsage(server.dataSource, sessionId, { logBytes: ROOM_LIMITS.maxLogBytes - 10 });
    const refused = writer.submit(sessionId, [element('late', 1)]);
    await expect(refused).rejects.toMatchObject({ kind: 'too_large', details: { budget: 'log' } });
    await expect(refused).rejects.toThrow(/change history is full \(50 MB\)/);
    expect(await logged(sessionId)).toEqual([]);
  });

  it('lets no batch of concurrent updates overshoot a budget', async () => {
    const sessionId = await aSession();
    const copies = Array.from({ length: 40 }, (_, index) => element(`n${index}`, 1));
    const room = copies.slice(0, 7).reduce((sum, copy) => sum + bytesOf(copy), 0);
    await aSceneUsage(server.dataSource, sessionId, { sceneBytes: ROOM_LIMITS.maxSceneBytes - room });

    const outcomes = outcomesOf(
      await Promise.allSettled(copies.map((copy) => writer.submit(sessionId, [copy]))),
    );
    expect(outcomes.filter((outcome) => outcome === 'stored')).toHaveLength(7);
    expect(outcomes.filter((outcome) => outcome === 'too_large:scene')).toHaveLength(33);
    expect((await sceneUsageOf(server.dataSource, sessionId)).sceneBytes).toBe(ROOM_LIMITS.maxSceneBytes);
  });

  it('counts only live elements against the element cap: deleted ones do not block drawing', async () => {
    const sessionId = await aSession();
    await server.dataSource.query(
      `INSERT INTO scene_elements (session_id, element_id, version, version_nonce, is_deleted, data)
       SELECT $1, 'gone-' || i, 2, 1, i > 100, jsonb_build_object('id', 'gone-' || i)
       FROM generate_series(1, 10000) AS i`,
      [sessionId],
    );
    const outcomes = await Promise.allSettled([
      writer.submit(sessionId, [element('fresh', 1)]), // 101 live
      writer.submit(sessionId, [element('gone-500', 3)]), // brought back: 102 live
      writer.submit(sessionId, [element('gone-5', 3, { isDeleted: true })]), // 101 live
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
  }, 60_000);

  it('keeps one log row per element while its author drags it, the last version', async () => {
    const sessionId = await aSession();
    const drag = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((version) => writer.submit(sessionId, [element('dragged', version)], 'ann')),
    );
    await writer.submit(sessionId, [element('dragged', 7)], 'bob'); // another author: kept apart
    await writer.submit(sessionId, [element('other', 1)], 'ann');

    expect(await logged(sessionId)).toEqual(['dragged@6', 'dragged@7', 'other@1']);
    expect(await stored(sessionId)).toEqual(['dragged@7', 'other@1']);
    const versions = drag.map((result) => result.version);
    const [{ seq }] = (await server.dataSource.query(
      `SELECT seq FROM room_events WHERE session_id = $1 AND element->>'version' = '6'`,
      [sessionId],
    )) as [{ seq: string }];
    expect(versions.at(-1)).toBe(Number(seq)); // the version points at a row that exists
    const usage = await sceneUsageOf(server.dataSource, sessionId);
    const [{ log }] = (await server.dataSource.query(
      `SELECT sum(octet_length(element::text))::int AS log FROM room_events WHERE session_id = $1`,
      [sessionId],
    )) as [{ log: number }];
    expect(usage.logBytes).toBe(log); // replaced rows are no longer counted
  });

  it('settles a session once every update submitted before is stored; at once when none is pending', async () => {
    const [busy, other] = [await aSession(), await aSession()];
    const before = [writer.submit(busy, [element('a', 1)]), writer.submit(busy, [element('b', 1)])];
    const settled = writer.settled(busy);
    const after = writer.submit(busy, [element('c', 1)]);
    await settled;
    expect(await stored(busy)).toEqual(expect.arrayContaining(['a@1', 'b@1']));
    await writer.settled(other); // nothing pending: at once
    await Promise.all([...before, after]);
    expect(await stored(busy)).toEqual(['a@1', 'b@1', 'c@1']);
  });

  it('stamps each stored element with the seq of its latest log row', async () => {
    const sessionId = await aSession();
    await Promise.all([
      writer.submit(sessionId, [element('a', 1), element('b', 1)]),
      writer.submit(sessionId, [element('a', 2)]),
    ]);
    const { version } = await writer.submit(sessionId, [element('b', 2, { x: 7 })]);
    const rows = (await server.dataSource.query(
      `SELECT e.element_id AS id, e.seq::int AS seq,
              (SELECT max(r.seq)::int FROM room_events r
               WHERE r.session_id = e.session_id AND r.kind = 'scene' AND r.element->>'id' = e.element_id) AS logged
       FROM scene_elements e WHERE e.session_id = $1 ORDER BY id`,
      [sessionId],
    )) as { id: string; seq: number; logged: number }[];
    expect(rows.map((row) => row.seq)).toEqual(rows.map((row) => row.logged));
    expect(rows.find((row) => row.id === 'b')?.seq).toBe(version);
  });
});

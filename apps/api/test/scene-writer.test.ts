import { signUp } from './support/factories';
import { aCheckedRectangle, aLiveSession } from './support/room-client';
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
        outcome.status === 'fulfilled' ? 'stored' : (outcome.reason as { code: string }).code,
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
    expect((outcomes[4] as PromiseRejectedResult).reason).toMatchObject({ code: 'internal' });
    expect(await stored(first)).toEqual(['b@1', 'before@1', 'c@1', 'd@1', 'e@1', 'f@1']);
    expect(await stored(second)).toEqual([]);
  });
});

import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { StoredCopy } from '@mockboard/scene';
import { sessionAllowsSql } from '@mockboard/schedule';
import { prepared, queryPrepared, type PreparedStatement } from '../database/prepared-statement';
import { sceneColumns, sceneRefOf } from './scene-key';

/**
 * What the scene writer's statements run on: a transaction's EntityManager in the server's own
 * thread (queryableOf), or the writer thread's own pg connection (scene-batch.worker.ts). Both
 * return the rows; on PostgreSQL each statement is prepared once per connection.
 */
export interface Queryable {
  query(statement: PreparedStatement, parameters: unknown[]): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The server thread's way to run these statements: on a transaction's manager or the data source. */
export function queryableOf(runner: EntityManager | DataSource): Queryable {
  return { query: (statement, parameters) => queryPrepared(runner, statement, parameters) };
}

/** Runs `work` in one transaction and commits it (rolls back if it throws). */
export type RunInTransaction = <T>(work: (db: Queryable) => Promise<T>) => Promise<T>;

/**
 * Runs `work` in one transaction on a connection of `pool` (the writer thread's), and commits it;
 * rolls back if it throws. When the connection itself failed (PostgreSQL restarted or failed over,
 * an administrator's pg_terminate_backend), the transaction died with it: `work` is run once more
 * on a new connection, so the batch is not lost to a connection it could not choose. Running it
 * again is safe even if the COMMIT went through unseen: the updates are planned again against
 * the stored scene, and copies it already holds win nothing.
 */
export function transactionOn(pool: Pool, onConnectionLost: (error: Error) => void): RunInTransaction {
  const attempt = async <T>(work: (db: Queryable) => Promise<T>, retry: boolean): Promise<T> => {
    const client = await pool.connect();
    let broken: Error | undefined;
    // pg reports a dropped connection as an 'error' event too, which the pool stops listening to
    // while a client is checked out: unheard, it would end the thread.
    const onError = (error: Error) => (broken ??= error);
    client.on('error', onError);
    let failure: unknown;
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async (statement, parameters) => (await client.query(statement, parameters)).rows,
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      failure = error;
      if (!broken) await client.query('ROLLBACK').catch((rollbackError: Error) => (broken ??= rollbackError));
    } finally {
      client.removeListener('error', onError);
      // Released before any second attempt: the writer's pool holds one connection.
      client.release(broken);
    }
    if (!broken || !retry) throw failure;
    onConnectionLost(broken);
    return attempt(work, false);
  };
  return (work) => attempt(work, true);
}

/** A lock class of our own for two-key advisory locks, apart from every other lock in the database. */
export const SCENE_LOCK_CLASS = 7_310_001;

/*
 * The statements of one scene batch (see SceneBatchStore), as functions of the transaction they
 * run in: set-based, one statement per step whatever the number of updates in the batch. A board
 * is named by its scene key (scene-key.ts).
 */

const LOCK_SCENES = prepared(
  `SELECT pg_advisory_xact_lock(${SCENE_LOCK_CLASS}, key)
     FROM (SELECT DISTINCT hashtext(id) AS key FROM unnest($1::text[]) AS id ORDER BY key) AS keys`,
);

/**
 * Holds the scenes' locks until the transaction ends, in a fixed order (no deadlock between
 * instances), so what the batch reads stays true until it is written.
 */
export async function lockScenes(db: Queryable, sessionIds: readonly string[]): Promise<void> {
  await db.query(LOCK_SCENES, [sessionIds]);
}

const CURRENT_ROUNDS = prepared(
  `SELECT id, COALESCE((SELECT round FROM room_state r WHERE r.session_id = id), 1)::int AS round
     FROM unnest($1::uuid[]) AS id`,
);

/** Each session's current round (1 before its room was first opened). */
export async function currentRounds(
  db: Queryable,
  sessionIds: readonly string[],
): Promise<Map<string, number>> {
  const rows = (await db.query(CURRENT_ROUNDS, [sessionIds])) as { id: string; round: number }[];
  return new Map(rows.map((row) => [row.id, Number(row.round)]));
}

const STORED_COPIES = prepared(
  `SELECT s.id || '/' || k.round AS id, ${sessionAllowsSql('s', 'use_room')} AS editable,
       COALESCE(u.scene_bytes, 0) AS scene_bytes, COALESCE(u.log_bytes, 0) AS log_bytes,
       (SELECT COALESCE(jsonb_agg(jsonb_build_array(e.element_id, e.version, e.version_nonce,
                                                    e.is_deleted, e.bytes)), '[]')
          FROM scene_elements e
          WHERE e.session_id = s.id AND e.round = k.round AND e.element_id = ANY($3::text[])) AS copies
     FROM unnest($1::uuid[], $2::smallint[]) AS k(session_id, round)
     JOIN sessions s ON s.id = k.session_id LEFT JOIN scene_usage u ON u.session_id = s.id`,
);

/**
 * Per board (scene key): whether its session is still editable, its stored copies of the given
 * element ids (with their size), and the bytes the session's boards and its log hold (the
 * budgets are the session's, whatever the round). Sessions that do not exist are left out. (Counting and versions are separate reads, made only for the scenes that need them: most
 * batches only edit elements the scene already has.)
 */
export async function storedCopies(
  db: Queryable,
  sceneKeys: readonly string[],
  elementIds: readonly string[],
): Promise<Map<string, StoredSceneState>> {
  const [sessionIds, rounds] = sceneColumns(sceneKeys);
  const rows = (await db.query(STORED_COPIES, [sessionIds, rounds, elementIds])) as {
    id: string;
    editable: boolean;
    scene_bytes: string;
    log_bytes: string;
    copies: [string, number, number, boolean, number][];
  }[];
  return new Map(
    rows.map((row) => [
      row.id,
      {
        editable: row.editable,
        sceneBytes: Number(row.scene_bytes),
        logBytes: Number(row.log_bytes),
        copies: new Map<string, StoredCopy>(
          row.copies.map(([id, version, versionNonce, isDeleted, bytes]) => [
            id,
            { id, version, versionNonce: Number(versionNonce), isDeleted, bytes },
          ]),
        ),
      },
    ]),
  );
}

const ELEMENT_COUNTS = prepared(
  `SELECT k.session_id || '/' || k.round AS id,
       (SELECT count(*) FROM scene_elements e
        WHERE e.session_id = k.session_id AND e.round = k.round AND NOT e.is_deleted)::int AS count
     FROM unnest($1::uuid[], $2::smallint[]) AS k(session_id, round)`,
);

/** How many live (not deleted) elements each of these boards holds: what the element cap counts. */
export async function elementCounts(
  db: Queryable,
  sceneKeys: readonly string[],
): Promise<Map<string, number>> {
  if (sceneKeys.length === 0) return new Map();
  const [sessionIds, rounds] = sceneColumns(sceneKeys);
  const rows = (await db.query(ELEMENT_COUNTS, [sessionIds, rounds])) as { id: string; count: number }[];
  return new Map(rows.map((row) => [row.id, row.count]));
}

const VERSIONS = prepared(
  `SELECT k.session_id || '/' || k.round AS id,
       (SELECT COALESCE(max(seq), 0) FROM room_events r
        WHERE r.session_id = k.session_id AND r.kind = 'scene' AND r.round = k.round)::bigint AS seq
     FROM unnest($1::uuid[], $2::smallint[]) AS k(session_id, round)`,
);

/** Each board's version: the seq of its latest logged scene change (0 when none), as in load. */
export async function versions(db: Queryable, sceneKeys: readonly string[]): Promise<Map<string, number>> {
  if (sceneKeys.length === 0) return new Map();
  const [sessionIds, rounds] = sceneColumns(sceneKeys);
  const rows = (await db.query(VERSIONS, [sessionIds, rounds])) as { id: string; seq: string }[];
  return new Map(rows.map((row) => [row.id, Number(row.seq)]));
}

const WRITE_WINNERS = prepared(
  `INSERT INTO scene_elements AS stored
       (session_id, round, element_id, version, version_nonce, is_deleted, data, bytes, seq)
     SELECT (w->>0)::uuid, (w->>4)::smallint, w->1->>'id', (w->1->>'version')::int,
            (w->1->>'versionNonce')::bigint, (w->1->>'isDeleted')::boolean, w->1, (w->>2)::int,
            (w->>3)::bigint
     FROM jsonb_array_elements($1::jsonb) AS w
     ON CONFLICT (session_id, round, element_id) DO UPDATE
       SET version = excluded.version, version_nonce = excluded.version_nonce,
           is_deleted = excluded.is_deleted, data = excluded.data, bytes = excluded.bytes,
           seq = excluded.seq
       WHERE excluded.version > stored.version
          OR (excluded.version = stored.version AND excluded.version_nonce < stored.version_nonce)`,
);

/**
 * Upserts each copy where it wins Excalidraw's rule against the stored one. The batch was
 * planned under the scenes' locks, so every copy wins; the rule stays in the statement as the
 * store's own guarantee. (session, element) pairs must be unique within `winners`; each carries
 * the seq of its log row (what a join `since` a version selects by).
 */
export async function writeWinners(db: Queryable, winners: readonly SequencedCopy[]): Promise<void> {
  if (winners.length === 0) return;
  await db.query(WRITE_WINNERS, [
    `[${winners
      .map((copy) => {
        const { sessionId, round } = sceneRefOf(copy.sceneId);
        return `[${JSON.stringify(sessionId)},${copy.json},${copy.bytes},${copy.seq},${round}]`;
      })
      .join(',')}]`,
  ]);
}

const WRITE_LOG = prepared(
  `WITH dropped AS (
       DELETE FROM room_events WHERE seq = ANY($2::bigint[]) AND kind = 'scene'
       RETURNING session_id, octet_length(element::text)::bigint AS bytes
     ), written AS (
       INSERT INTO room_events (session_id, kind, element, round)
       SELECT (entry->>0)::uuid, 'scene', entry->1, (entry->>3)::smallint
       FROM json_array_elements($1::json) WITH ORDINALITY AS log(entry, position)
       ORDER BY position
       RETURNING seq, session_id, octet_length(element::text)::bigint AS bytes
     ), changes AS (
       SELECT (change->>0)::uuid AS session_id, (change->>1)::bigint AS scene, 0::bigint AS log
         FROM json_array_elements($3::json) AS change
       UNION ALL SELECT session_id, 0, bytes FROM written
       UNION ALL SELECT session_id, 0, -bytes FROM dropped
     ), counters AS (
       INSERT INTO scene_usage AS u (session_id, scene_bytes, log_bytes)
       SELECT session_id, GREATEST(sum(scene), 0), GREATEST(sum(log), 0) FROM changes GROUP BY session_id
       ON CONFLICT (session_id) DO UPDATE
         SET scene_bytes = GREATEST(u.scene_bytes + excluded.scene_bytes, 0),
             log_bytes = GREATEST(u.log_bytes + excluded.log_bytes, 0)
     )
     SELECT seq FROM written`,
);

/**
 * Appends accepted copies to the change log, in order, deletes the rows they replace (see
 * coalesceLog), and moves each session's byte counters by what the batch changed (`sceneBytes`:
 * the growth of its stored elements; the log's from the rows written and deleted), all in one
 * statement. Returns the new rows' sequence numbers in order. The log keeps each copy as json
 * (the text as sent), which PostgreSQL stores without converting: its bytes are the sent JSON's.
 * Each row carries its board's round. `sceneBytes` is keyed by board; the counters are the session's.
 */
export async function writeLog(
  db: Queryable,
  entries: readonly SerializedCopy[],
  replacedSeqs: readonly number[],
  sceneBytes: ReadonlyMap<string, number>,
): Promise<number[]> {
  if (entries.length === 0 && replacedSeqs.length === 0 && sceneBytes.size === 0) return [];
  const rows = (await db.query(WRITE_LOG, [
    pairsJson(entries),
    replacedSeqs,
    JSON.stringify([...sceneBytes].map(([key, bytes]) => [sceneRefOf(key).sessionId, bytes])),
  ])) as { seq: string }[];
  // Sequence numbers are drawn in insertion order, so sorting them restores the log's order.
  return rows.map((row) => Number(row.seq)).sort((a, b) => a - b);
}

/** An element of a scene, already serialized (each element is turned into JSON once). */
export interface SerializedCopy {
  /** The board's scene key (session and round). */
  sceneId: string;
  json: string;
  /** UTF-8 bytes of `json`. */
  bytes: number;
}

/** A copy about to be stored, with the seq of the log row written for it. */
export interface SequencedCopy extends SerializedCopy {
  seq: number;
}

/** What a batch reads of one scene before planning (its live-element count is read apart). */
export interface StoredSceneState {
  editable: boolean;
  sceneBytes: number;
  logBytes: number;
  copies: Map<string, StoredCopy>;
}

/** `[[sessionId, element, bytes, round], …]` as JSON text, from elements already serialized. */
function pairsJson(copies: readonly SerializedCopy[]): string {
  return `[${copies
    .map((copy) => {
      const { sessionId, round } = sceneRefOf(copy.sceneId);
      return `[${JSON.stringify(sessionId)},${copy.json},${copy.bytes},${round}]`;
    })
    .join(',')}]`;
}

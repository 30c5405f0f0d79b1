import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SceneElement } from '@mockboard/contracts';
import type { StoredCopy } from '@mockboard/scene';

/** A lock class of our own for two-key advisory locks, apart from every other lock in the database. */
const SCENE_LOCK_CLASS = 7_310_001;

/**
 * The stored scene of each session (one row per element) and its ordered change log. The writes
 * are set-based: one statement per batch, whatever the number of updates in it.
 */
@Injectable()
export class SceneRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The stored scene and its version, read by one statement (one snapshot), so the version
   * describes exactly these elements. With `since`, only the elements changed after that version
   * (tombstones included), flagged with it: what a client holding the scene at `since` lacks; a
   * `since` past the version (a client ahead of a restored database) gets the whole scene. The
   * version is the seq of the latest scene change: a scene's rows are written under its lock, so
   * their seqs follow commit order and a version is a prefix of the log (phase rows are not).
   */
  async load(sessionId: string, since?: number): Promise<JoinScene> {
    const rows = (await this.dataSource.query(
      `SELECT latest.version, e.data
       FROM (SELECT COALESCE(max(seq), 0)::bigint AS version FROM room_events
             WHERE session_id = $1 AND kind = 'scene') AS latest
       LEFT JOIN scene_elements e ON e.session_id = $1
         AND ($2::bigint IS NULL OR $2::bigint > latest.version OR e.seq > $2::bigint)`,
      [sessionId, since ?? null],
    )) as { version: string; data: SceneElement | null }[];
    const elements: SceneElement[] = [];
    for (const row of rows) if (row.data) elements.push(row.data);
    const version = Number(rows[0]?.version ?? 0);
    return since === undefined || since > version ? { elements, version } : { elements, version, since };
  }

  /** The stored copies of the given elements of one scene (those it has). */
  async copiesOf(sessionId: string, elementIds: readonly string[]): Promise<SceneElement[]> {
    const rows: { data: SceneElement }[] = await this.dataSource.query(
      `SELECT data FROM scene_elements WHERE session_id = $1 AND element_id = ANY($2::text[])`,
      [sessionId, elementIds],
    );
    return rows.map((row) => row.data);
  }

  /**
   * One page of a session's log: at most `limit` entries after `after`, cut once their elements'
   * JSON passes `maxBytes` (always at least one entry). Rows past the cut are read without their
   * element, so a page's memory is bounded whatever the log holds. The chat's messages draw their
   * seq from the log's sequence, so both tables merge into one order (each read by its own
   * (session_id, seq) index, at most `limit` + 1 rows each).
   */
  async logPage(
    sessionId: string,
    { after, limit, maxBytes }: { after: number; limit: number; maxBytes: number },
  ): Promise<{ rows: LogRow[]; more: boolean }> {
    const rows = (await this.dataSource.query(
      `SELECT seq, at, kind, phase, round, fits, CASE WHEN fits THEN element END AS element,
         chat_id, author_id, author_name, CASE WHEN fits THEN text END AS text
       FROM (
         SELECT *, sum(bytes) OVER (ORDER BY seq ROWS UNBOUNDED PRECEDING) - bytes < $4 AS fits
         FROM (
           SELECT * FROM (
             SELECT seq, at, kind, phase, round, element, COALESCE(octet_length(element::text), 0) AS bytes,
               NULL::uuid AS chat_id, NULL::uuid AS author_id, NULL::text AS author_name, NULL::text AS text
             FROM room_events WHERE session_id = $1 AND seq > $2 ORDER BY seq LIMIT $3 + 1
           ) AS board
           UNION ALL
           SELECT * FROM (
             SELECT c.seq, c.sent_at, 'chat', NULL::text, c.round, NULL::json, octet_length(c.text),
               c.id, c.author_id, u.display_name, c.text
             FROM chat_messages c JOIN users u ON u.id = c.author_id
             WHERE c.session_id = $1 AND c.seq > $2 ORDER BY c.seq LIMIT $3 + 1
           ) AS chat
           ORDER BY seq LIMIT $3 + 1
         ) AS newest
       ) AS page ORDER BY seq`,
      [sessionId, after, limit, maxBytes],
    )) as (LogRow & { fits: boolean })[];
    const fitting = rows.findIndex((row, index) => index >= limit || !row.fits);
    const taken = fitting === -1 ? rows : rows.slice(0, Math.max(fitting, 1));
    return { rows: taken.map(({ fits: _fits, ...row }) => row), more: taken.length < rows.length };
  }

  /** How many entries a session's log holds, chat included (each count answered by an index). */
  async logLength(sessionId: string): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT (SELECT count(*) FROM room_events WHERE session_id = $1)::int
            + (SELECT count(*) FROM chat_messages WHERE session_id = $1)::int AS count`,
      [sessionId],
    )) as { count: number }[];
    return row?.count ?? 0;
  }

  /**
   * Holds the scenes' locks until the transaction ends, in a fixed order (no deadlock between
   * instances), so what the batch reads stays true until it is written.
   */
  async lockScenes(manager: EntityManager, sessionIds: readonly string[]): Promise<void> {
    await manager.query(
      `SELECT pg_advisory_xact_lock(${SCENE_LOCK_CLASS}, key)
       FROM (SELECT DISTINCT hashtext(id) AS key FROM unnest($1::text[]) AS id ORDER BY key) AS keys`,
      [sessionIds],
    );
  }

  /**
   * Per session: whether it is still editable, its stored copies of the given element ids (with
   * their size), and the bytes its scene and its log hold. Sessions that do not exist are left
   * out. (Counting and versions are separate reads, made only for the scenes that need them: most
   * batches only edit elements the scene already has.)
   */
  async storedCopies(
    manager: EntityManager,
    sessionIds: readonly string[],
    elementIds: readonly string[],
  ): Promise<Map<string, StoredSceneState>> {
    const rows = (await manager.query(
      `SELECT s.id, s.status IN ('scheduled', 'live') AS editable,
         COALESCE(u.scene_bytes, 0) AS scene_bytes, COALESCE(u.log_bytes, 0) AS log_bytes,
         (SELECT COALESCE(jsonb_agg(jsonb_build_array(e.element_id, e.version, e.version_nonce,
                                                      e.is_deleted, e.bytes)), '[]')
            FROM scene_elements e WHERE e.session_id = s.id AND e.element_id = ANY($2::text[])) AS copies
       FROM sessions s LEFT JOIN scene_usage u ON u.session_id = s.id
       WHERE s.id = ANY($1::uuid[])`,
      [sessionIds, elementIds],
    )) as {
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

  /** How many live (not deleted) elements each of these scenes holds: what the element cap counts. */
  async elementCounts(manager: EntityManager, sessionIds: readonly string[]): Promise<Map<string, number>> {
    if (sessionIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT session_id AS id, count(*)::int AS count FROM scene_elements
       WHERE session_id = ANY($1::uuid[]) AND NOT is_deleted GROUP BY session_id`,
      [sessionIds],
    )) as { id: string; count: number }[];
    return new Map(rows.map((row) => [row.id, row.count]));
  }

  /** Each scene's version: the seq of its latest logged scene change (0 when none), as in load. */
  async versions(manager: EntityManager, sessionIds: readonly string[]): Promise<Map<string, number>> {
    if (sessionIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT id, (SELECT COALESCE(max(seq), 0) FROM room_events r
                   WHERE r.session_id = id AND r.kind = 'scene')::bigint AS seq
       FROM unnest($1::uuid[]) AS id`,
      [sessionIds],
    )) as { id: string; seq: string }[];
    return new Map(rows.map((row) => [row.id, Number(row.seq)]));
  }

  /**
   * Upserts each copy where it wins Excalidraw's rule against the stored one. The batch was
   * planned under the scenes' locks, so every copy wins; the rule stays in the statement as the
   * store's own guarantee. (session, element) pairs must be unique within `winners`; each carries
   * the seq of its log row (what a join `since` a version selects by).
   */
  async writeWinners(manager: EntityManager, winners: readonly SequencedCopy[]): Promise<void> {
    if (winners.length === 0) return;
    await manager.query(
      `INSERT INTO scene_elements AS stored
         (session_id, element_id, version, version_nonce, is_deleted, data, bytes, seq)
       SELECT (w->>0)::uuid, w->1->>'id', (w->1->>'version')::int, (w->1->>'versionNonce')::bigint,
              (w->1->>'isDeleted')::boolean, w->1, (w->>2)::int, (w->>3)::bigint
       FROM jsonb_array_elements($1::jsonb) AS w
       ON CONFLICT (session_id, element_id) DO UPDATE
         SET version = excluded.version, version_nonce = excluded.version_nonce,
             is_deleted = excluded.is_deleted, data = excluded.data, bytes = excluded.bytes,
             seq = excluded.seq
         WHERE excluded.version > stored.version
            OR (excluded.version = stored.version AND excluded.version_nonce < stored.version_nonce)`,
      [
        `[${winners.map((copy) => `[${JSON.stringify(copy.sceneId)},${copy.json},${copy.bytes},${copy.seq}]`).join(',')}]`,
      ],
    );
  }

  /**
   * Appends accepted copies to the change log, in order, deletes the rows they replace (see
   * coalesceLog), and moves each session's byte counters by what the batch changed (`sceneBytes`:
   * the growth of its stored elements; the log's from the rows written and deleted), all in one
   * statement. Returns the new rows' sequence numbers in order. The log keeps each copy as json
   * (the text as sent), which PostgreSQL stores without converting: its bytes are the sent JSON's.
   */
  async writeLog(
    manager: EntityManager,
    entries: readonly SerializedCopy[],
    replacedSeqs: readonly number[],
    sceneBytes: ReadonlyMap<string, number>,
  ): Promise<number[]> {
    if (entries.length === 0 && replacedSeqs.length === 0 && sceneBytes.size === 0) return [];
    const rows = (await manager.query(
      `WITH dropped AS (
         DELETE FROM room_events WHERE seq = ANY($2::bigint[]) AND kind = 'scene'
         RETURNING session_id, octet_length(element::text)::bigint AS bytes
       ), written AS (
         INSERT INTO room_events (session_id, kind, element)
         SELECT (entry->>0)::uuid, 'scene', entry->1
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
      [pairsJson(entries), replacedSeqs, JSON.stringify([...sceneBytes])],
    )) as { seq: string }[];
    // Sequence numbers are drawn in insertion order, so sorting them restores the log's order.
    return rows.map((row) => Number(row.seq)).sort((a, b) => a - b);
  }
}

/** A row of the log as read; a chat message's row carries its id, author and text. */
export interface LogRow {
  seq: string;
  at: Date;
  kind: 'scene' | 'phase' | 'round' | 'chat';
  element: SceneElement | null;
  phase: string | null;
  round: number | null;
  chat_id: string | null;
  author_id: string | null;
  author_name: string | null;
  text: string | null;
}

/** An element of a scene, already serialized (each element is turned into JSON once). */
export interface SerializedCopy {
  sceneId: string;
  json: string;
  /** UTF-8 bytes of `json`. */
  bytes: number;
}

/** A scene as a join hands it out; with `since`, only the elements changed after that version. */
export interface JoinScene {
  elements: SceneElement[];
  version: number;
  since?: number;
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

/** `[[sceneId, element, bytes], …]` as JSON text, from elements already serialized. */
function pairsJson(copies: readonly SerializedCopy[]): string {
  return `[${copies.map((copy) => `[${JSON.stringify(copy.sceneId)},${copy.json},${copy.bytes}]`).join(',')}]`;
}

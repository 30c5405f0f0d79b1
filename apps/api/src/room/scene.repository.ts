import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SceneElement } from '@mockboard/contracts';
import type { Versioned } from '@mockboard/scene';

/** A lock class of our own for two-key advisory locks, apart from every other lock in the database. */
const SCENE_LOCK_CLASS = 7_310_001;

/**
 * The stored scene of each session (one row per element) and its ordered change log. The writes
 * are set-based: one statement per batch, whatever the number of updates in it.
 */
@Injectable()
export class SceneRepository {
  constructor(private readonly dataSource: DataSource) {}

  async load(sessionId: string): Promise<{ elements: SceneElement[]; version: number }> {
    const rows: { data: SceneElement }[] = await this.dataSource.query(
      `SELECT data FROM scene_elements WHERE session_id = $1`,
      [sessionId],
    );
    const [latest] = (await this.dataSource.query(
      `SELECT COALESCE(max(seq), 0)::bigint AS seq FROM room_events WHERE session_id = $1`,
      [sessionId],
    )) as { seq: string }[];
    return { elements: rows.map((row) => row.data), version: Number(latest?.seq ?? 0) };
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
   * Per session: whether it is still editable, and its stored copies of the given element ids.
   * Sessions that do not exist are left out. (Counting and versions are separate reads, made only
   * for the scenes that need them: most batches only edit elements the scene already has.)
   */
  async storedCopies(
    manager: EntityManager,
    sessionIds: readonly string[],
    elementIds: readonly string[],
  ): Promise<Map<string, { editable: boolean; copies: Map<string, Versioned> }>> {
    const rows = (await manager.query(
      `SELECT s.id, s.status IN ('scheduled', 'live') AS editable,
         (SELECT COALESCE(jsonb_agg(jsonb_build_array(e.element_id, e.version, e.version_nonce)), '[]')
            FROM scene_elements e WHERE e.session_id = s.id AND e.element_id = ANY($2::text[])) AS copies
       FROM sessions s WHERE s.id = ANY($1::uuid[])`,
      [sessionIds, elementIds],
    )) as { id: string; editable: boolean; copies: [string, number, number][] }[];
    return new Map(
      rows.map((row) => [
        row.id,
        {
          editable: row.editable,
          copies: new Map<string, Versioned>(
            row.copies.map(([id, version, versionNonce]) => [
              id,
              { id, version, versionNonce: Number(versionNonce), isDeleted: false },
            ]),
          ),
        },
      ]),
    );
  }

  /** How many elements (deleted ones included) each of these scenes holds. */
  async elementCounts(manager: EntityManager, sessionIds: readonly string[]): Promise<Map<string, number>> {
    if (sessionIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT session_id AS id, count(*)::int AS count FROM scene_elements
       WHERE session_id = ANY($1::uuid[]) GROUP BY session_id`,
      [sessionIds],
    )) as { id: string; count: number }[];
    return new Map(rows.map((row) => [row.id, row.count]));
  }

  /** Each scene's version: the sequence number of its latest logged change (0 when none). */
  async versions(manager: EntityManager, sessionIds: readonly string[]): Promise<Map<string, number>> {
    if (sessionIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT id, (SELECT COALESCE(max(seq), 0) FROM room_events r WHERE r.session_id = id)::bigint AS seq
       FROM unnest($1::uuid[]) AS id`,
      [sessionIds],
    )) as { id: string; seq: string }[];
    return new Map(rows.map((row) => [row.id, Number(row.seq)]));
  }

  /**
   * Upserts each copy where it wins Excalidraw's rule against the stored one. The batch was
   * planned under the scenes' locks, so every copy wins; the rule stays in the statement as the
   * store's own guarantee. (session, element) pairs must be unique within `winners`.
   */
  async writeWinners(manager: EntityManager, winners: readonly SerializedCopy[]): Promise<void> {
    if (winners.length === 0) return;
    await manager.query(
      `INSERT INTO scene_elements AS stored (session_id, element_id, version, version_nonce, is_deleted, data)
       SELECT (w->>0)::uuid, w->1->>'id', (w->1->>'version')::int, (w->1->>'versionNonce')::bigint,
              (w->1->>'isDeleted')::boolean, w->1
       FROM jsonb_array_elements($1::jsonb) AS w
       ON CONFLICT (session_id, element_id) DO UPDATE
         SET version = excluded.version, version_nonce = excluded.version_nonce,
             is_deleted = excluded.is_deleted, data = excluded.data
         WHERE excluded.version > stored.version
            OR (excluded.version = stored.version AND excluded.version_nonce < stored.version_nonce)`,
      [pairsJson(winners)],
    );
  }

  /**
   * Appends accepted copies to the change log, in order; returns their sequence numbers in order.
   * The log keeps each copy as json (the text as sent), which PostgreSQL stores without converting.
   */
  async appendLog(manager: EntityManager, entries: readonly SerializedCopy[]): Promise<number[]> {
    if (entries.length === 0) return [];
    const rows = (await manager.query(
      `INSERT INTO room_events (session_id, kind, element)
       SELECT (entry->>0)::uuid, 'scene', entry->1
       FROM json_array_elements($1::json) WITH ORDINALITY AS log(entry, position)
       ORDER BY position
       RETURNING seq`,
      [pairsJson(entries)],
    )) as { seq: string }[];
    // Sequence numbers are drawn in insertion order, so sorting them restores the log's order.
    return rows.map((row) => Number(row.seq)).sort((a, b) => a - b);
  }
}

/** An element of a scene, already serialized (each element is turned into JSON once). */
export interface SerializedCopy {
  sceneId: string;
  json: string;
}

/** `[[sceneId, element], …]` as JSON text, from elements already serialized. */
function pairsJson(copies: readonly SerializedCopy[]): string {
  return `[${copies.map((copy) => `[${JSON.stringify(copy.sceneId)},${copy.json}]`).join(',')}]`;
}

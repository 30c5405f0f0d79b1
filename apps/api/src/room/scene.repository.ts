import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SceneElement } from '@mockboard/contracts';

export interface AppliedUpdate {
  /** The copies that won and changed the stored scene, in the order they were logged. */
  accepted: SceneElement[];
  /** The scene's version after the update: the sequence number of its latest logged change. */
  version: number;
}

/** The stored scene of each session (one row per element) and its ordered change log. */
@Injectable()
export class SceneRepository {
  constructor(private readonly dataSource: DataSource) {}

  async load(sessionId: string): Promise<{ elements: SceneElement[]; version: number }> {
    const rows: { data: SceneElement }[] = await this.dataSource.query(
      `SELECT data FROM scene_elements WHERE session_id = $1`,
      [sessionId],
    );
    return {
      elements: rows.map((row) => row.data),
      version: await this.version(this.dataSource.manager, sessionId),
    };
  }

  async isEditable(manager: EntityManager, sessionId: string): Promise<boolean> {
    const [row] = (await manager.query(`SELECT status FROM sessions WHERE id = $1`, [sessionId])) as {
      status: string;
    }[];
    return row?.status === 'scheduled' || row?.status === 'live';
  }

  /** How many elements (deleted ones included) the scene holds, and which of `ids` it already has. */
  async census(
    manager: EntityManager,
    sessionId: string,
    ids: string[],
  ): Promise<{ total: number; known: number }> {
    const [row] = (await manager.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE element_id = ANY($2::text[]))::int AS known
       FROM scene_elements WHERE session_id = $1`,
      [sessionId, ids],
    )) as { total: number; known: number }[];
    return row ?? { total: 0, known: 0 };
  }

  /**
   * Upserts each element only where it wins Excalidraw's rule against the stored copy (higher
   * version, or equal version and lower versionNonce), so any instance may apply updates in any
   * order and the stored scene converges. Ids must be unique within `elements`.
   */
  async apply(manager: EntityManager, sessionId: string, elements: SceneElement[]): Promise<AppliedUpdate> {
    const accepted: { data: SceneElement }[] = await manager.query(
      `INSERT INTO scene_elements AS stored (session_id, element_id, version, version_nonce, is_deleted, data)
       SELECT $1, e->>'id', (e->>'version')::int, (e->>'versionNonce')::bigint, (e->>'isDeleted')::boolean, e
       FROM jsonb_array_elements($2::jsonb) AS e
       ON CONFLICT (session_id, element_id) DO UPDATE
         SET version = excluded.version, version_nonce = excluded.version_nonce,
             is_deleted = excluded.is_deleted, data = excluded.data
         WHERE excluded.version > stored.version
            OR (excluded.version = stored.version AND excluded.version_nonce < stored.version_nonce)
       RETURNING data`,
      [sessionId, JSON.stringify(elements)],
    );
    if (accepted.length === 0) return { accepted: [], version: await this.version(manager, sessionId) };
    const [logged] = (await manager
      .query(
        `INSERT INTO room_events (session_id, kind, element)
       SELECT $1, 'scene', e FROM jsonb_array_elements($2::jsonb) AS e
       RETURNING seq`,
        [sessionId, JSON.stringify(accepted.map((row) => row.data))],
      )
      .then((rows: { seq: string }[]) => [rows[rows.length - 1]])) as ({ seq: string } | undefined)[];
    return { accepted: accepted.map((row) => row.data), version: Number(logged?.seq ?? 0) };
  }

  private async version(manager: EntityManager, sessionId: string): Promise<number> {
    const [row] = (await manager.query(
      `SELECT COALESCE(max(seq), 0)::bigint AS seq FROM room_events WHERE session_id = $1`,
      [sessionId],
    )) as { seq: string }[];
    return Number(row?.seq ?? 0);
  }
}

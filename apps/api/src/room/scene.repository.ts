import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SceneElement } from '@mockboard/contracts';
import { currentRounds, queryableOf } from './scene-batch.repository';

/**
 * Reads of the stored scene of each session's rounds (one board per round, one row per element)
 * and the session's ordered change log. The writes are the scene writer's (scene-batch.repository.ts);
 * a replay reads the boards and the log through ReplayRepository.
 */
@Injectable()
export class SceneRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The stored scene and its version, read by one statement (one snapshot), so the version
   * describes exactly these elements. With `since`, only the elements changed after that version
   * (tombstones included), flagged with it: what a client holding the scene at `since` lacks; a
   * `since` past the version (a client ahead of a restored database) gets the whole scene. The
   * version is the seq of the latest scene change of that round's board: a session's rows are
   * written under its lock, so their seqs follow commit order and a version is a prefix of the
   * board's log (phase rows are not).
   */
  async load(sessionId: string, round: number, since?: number): Promise<JoinScene> {
    const rows = (await this.dataSource.query(
      `SELECT latest.version, e.data
       FROM (SELECT COALESCE(max(seq), 0)::bigint AS version FROM room_events
             WHERE session_id = $1 AND kind = 'scene' AND round = $3) AS latest
       LEFT JOIN scene_elements e ON e.session_id = $1 AND e.round = $3
         AND ($2::bigint IS NULL OR $2::bigint > latest.version OR e.seq > $2::bigint)`,
      [sessionId, since ?? null, round],
    )) as { version: string; data: SceneElement | null }[];
    const elements: SceneElement[] = [];
    for (const row of rows) if (row.data) elements.push(row.data);
    const version = Number(rows[0]?.version ?? 0);
    return since === undefined || since > version ? { elements, version } : { elements, version, since };
  }

  /** The stored copies of the given elements of one round's board (those it has). */
  async copiesOf(sessionId: string, round: number, elementIds: readonly string[]): Promise<SceneElement[]> {
    const rows: { data: SceneElement }[] = await this.dataSource.query(
      `SELECT data FROM scene_elements WHERE session_id = $1 AND round = $3 AND element_id = ANY($2::text[])`,
      [sessionId, elementIds, round],
    );
    return rows.map((row) => row.data);
  }

  /** The session's current round: the board a scene update without a round belongs to. */
  async currentRound(sessionId: string): Promise<number> {
    return (await currentRounds(queryableOf(this.dataSource), [sessionId])).get(sessionId) ?? 1;
  }
}

/** A scene as a join hands it out; with `since`, only the elements changed after that version. */
export interface JoinScene {
  elements: SceneElement[];
  version: number;
  since?: number;
}

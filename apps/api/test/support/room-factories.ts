import type { DataSource } from 'typeorm';

/**
 * A long whiteboard log written straight into the database (fast, unlike drawing it through a
 * socket): `entries` scene changes, each a new version of one of `elements` rectangles (all
 * distinct by default), padded to about `elementBytes` of JSON when given, with a phase change
 * every `phaseEvery` entries and `spacingMs` between entries (ending now). Returns the log's
 * sequence numbers in order.
 */
export async function aLargeLog(
  dataSource: DataSource,
  sessionId: string,
  {
    entries,
    elements = entries,
    elementBytes = 0,
    phaseEvery = 0,
    spacingMs = 0,
  }: { entries: number; elements?: number; elementBytes?: number; phaseEvery?: number; spacingMs?: number },
): Promise<number[]> {
  await dataSource.query(
    `INSERT INTO room_events (session_id, kind, at, element, phase)
     SELECT $1,
       CASE WHEN $3 > 0 AND i % $3 = 0 THEN 'phase' ELSE 'scene' END,
       clock_timestamp() - make_interval(secs => ($2 - i) * $6 / 1000.0),
       CASE WHEN $3 > 0 AND i % $3 = 0 THEN NULL
            ELSE (jsonb_build_object('id', 'bulk-' || (i % $5), 'type', 'rectangle',
                    'version', i / $5 + 1, 'versionNonce', i, 'isDeleted', false,
                    'x', (i % $5) * 30, 'y', (i / $5) % 500, 'width', 20, 'height', 20)
                  || CASE WHEN $4 > 0 THEN jsonb_build_object('customData',
                       jsonb_build_object('padding', repeat('x', $4))) ELSE '{}' END)::json END,
       CASE WHEN $3 > 0 AND i % $3 = 0 THEN 'estimation' END
     FROM generate_series(1, $2) AS i ORDER BY i`,
    [
      sessionId,
      entries,
      phaseEvery,
      elementBytes > 0 ? Math.max(1, elementBytes - 180) : 0,
      elements,
      spacingMs,
    ],
  );
  const rows = (await dataSource.query(`SELECT seq FROM room_events WHERE session_id = $1 ORDER BY seq`, [
    sessionId,
  ])) as { seq: string }[];
  return rows.map((row) => Number(row.seq));
}

/** Sets a session's byte counters, as if its scene and log had grown that big. */
export async function aSceneUsage(
  dataSource: DataSource,
  sessionId: string,
  { sceneBytes = 0, logBytes = 0 }: { sceneBytes?: number; logBytes?: number },
): Promise<void> {
  await dataSource.query(
    `INSERT INTO scene_usage (session_id, scene_bytes, log_bytes) VALUES ($1, $2, $3)
     ON CONFLICT (session_id) DO UPDATE SET scene_bytes = $2, log_bytes = $3`,
    [sessionId, sceneBytes, logBytes],
  );
}

/** A session's byte counters as stored. */
export async function sceneUsageOf(
  dataSource: DataSource,
  sessionId: string,
): Promise<{ sceneBytes: number; logBytes: number }> {
  const [row] = (await dataSource.query(
    `SELECT scene_bytes, log_bytes FROM scene_usage WHERE session_id = $1`,
    [sessionId],
  )) as { scene_bytes: string; log_bytes: string }[];
  return { sceneBytes: Number(row?.scene_bytes ?? 0), logBytes: Number(row?.log_bytes ?? 0) };
}

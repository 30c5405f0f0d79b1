import type { BatchOutcome, BatchUpdate } from './scene-batch-store';

/*
 * What the server thread and the scene writer's thread say to each other (SceneBatchThread and
 * scene-batch.worker.ts). Kept apart so the thread loads only what it needs.
 */

/** What the writer thread is started with: the database it writes to. */
export interface SceneBatchWorkerData {
  url: string;
  schema: string;
}

export type SceneBatchRequest = { id: number; batch: BatchUpdate[] } | { close: true };
export type SceneBatchReply =
  | { id: number; outcomes: BatchOutcome[] }
  | { id: number; error: string }
  /** Something for the server's log: the thread has no logger of its own. */
  | { warning: string };

/**
 * The writer thread's connection as pg_stat_activity shows it (application_name), cut as
 * PostgreSQL cuts it (63 bytes; a schema name is ASCII), so the name looked up is the one stored.
 */
export const sceneWriterConnectionName = (schema: string): string =>
  `mockboard scene writer (${schema})`.slice(0, 63);

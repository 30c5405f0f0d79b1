/**
 * The scene writer's thread (see SceneBatchThread): writes each batch it is sent through a
 * SceneBatchStore on a connection of its own, and answers with the outcomes. Its event loop
 * carries nothing but these round trips, so a batch's eight or so statements no longer wait for
 * turns of a server thread busy relaying hundreds of sockets (issue 18).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Pool } from 'pg';
import { IDLE_CONNECTION_KEEPALIVE, postgresConnection } from '../database/connection-options';
import { transactionOn } from './scene-batch.repository';
import { SceneBatchStore } from './scene-batch-store';
import {
  sceneWriterConnectionName,
  type SceneBatchReply,
  type SceneBatchRequest,
  type SceneBatchWorkerData,
} from './scene-batch-messages';

const { url, schema } = workerData as SceneBatchWorkerData;
const port = parentPort!;
const warn = (warning: string) => port.postMessage({ warning } satisfies SceneBatchReply);

// One connection, kept open however long the room is quiet (the next stroke's ack would wait for
// a new one): batches are written one after another anyway (SceneWriter.drain). Named for
// pg_stat_activity, with its schema: several deployments may share one PostgreSQL.
const pool = new Pool({
  ...postgresConnection(url, schema),
  ...IDLE_CONNECTION_KEEPALIVE,
  max: 1,
  idleTimeoutMillis: 0,
  application_name: sceneWriterConnectionName(schema),
});
// A connection that drops while idle leaves the pool, and the next batch opens a new one; unheard,
// its error would end the thread.
pool.on('error', (error) => warn(`scene writer connection lost while idle: ${error.message}`));

const store = new SceneBatchStore(
  transactionOn(pool, (error) =>
    warn(`scene writer connection lost mid-batch, writing it again: ${error.message}`),
  ),
);

port.on('message', (request: SceneBatchRequest) => {
  if ('close' in request) {
    void pool.end().finally(() => port.close());
    return;
  }
  store.write(request.batch).then(
    (outcomes) => port.postMessage({ id: request.id, outcomes } satisfies SceneBatchReply),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies SceneBatchReply),
  );
});

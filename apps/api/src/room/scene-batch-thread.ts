import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import type { SceneBatchReply, SceneBatchRequest, SceneBatchWorkerData } from './scene-batch-messages';
import type { BatchOutcome, BatchUpdate } from './scene-batch-store';

/** How long close waits for the thread to finish its connection before ending it. */
const CLOSE_TIMEOUT_MS = 5_000;

/**
 * The writer thread's script. Compiled, it sits beside this module; run from the TypeScript
 * sources (the Jest suites) there is no JavaScript beside it, and the build in apps/api/dist is
 * used, which `npm test` makes first. Null when neither exists.
 */
export function sceneBatchWorkerScript(): string | null {
  const candidates = [
    join(__dirname, 'scene-batch.worker.js'),
    join(__dirname, '..', '..', 'dist', 'room', 'scene-batch.worker.js'),
  ];
  return candidates.find((file) => existsSync(file)) ?? null;
}

/**
 * Writes scene batches on a worker thread (scene-batch.worker.ts) with a PostgreSQL connection of
 * its own. The thread is started on the first batch and again after it died (its batches then
 * fail, and SceneWriter retries them one by one); it never keeps the process alive while idle.
 * The embedded database lives in the server's thread, so it is never written from here.
 */
export class SceneBatchThread {
  private readonly logger = new Logger('SceneBatchThread');
  private worker: Worker | null = null;
  private readonly pending = new Map<
    number,
    { resolve: (outcomes: BatchOutcome[]) => void; reject: (error: Error) => void }
  >();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly data: SceneBatchWorkerData,
    private readonly script: string,
  ) {}

  write(batch: BatchUpdate[]): Promise<BatchOutcome[]> {
    // Not restarted once the server is shutting down: it would hold a connection nobody closes.
    if (this.closed) return Promise.reject(new Error('the server is shutting down'));
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, batch } satisfies SceneBatchRequest);
    });
  }

  /** Ends the thread once its connection is closed; call when no batch is pending. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    const exited = once(worker, 'exit');
    worker.postMessage({ close: true } satisfies SceneBatchRequest);
    const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  private start(): Worker {
    const worker = new Worker(this.script, { workerData: this.data });
    worker.on('message', (reply: SceneBatchReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply.outcomes);
    });
    worker.on('error', (error) => this.logger.error(`scene writer thread failed: ${error.message}`));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = null;
      const lost = [...this.pending.values()];
      this.pending.clear();
      for (const { reject } of lost) reject(new Error(`the scene writer thread stopped (exit code ${code})`));
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }
}

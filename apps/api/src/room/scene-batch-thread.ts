import { existsSync, readdirSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import type { SceneBatchReply, SceneBatchRequest, SceneBatchWorkerData } from './scene-batch-messages';
import type { BatchOutcome, BatchUpdate } from './scene-batch-store';

/** How long close waits for the thread to finish its connection before ending it. */
const CLOSE_TIMEOUT_MS = 5_000;
/** A thread that died this many times in a row before answering anything cannot start here. */
const MAX_FAILED_STARTS = 3;

/**
 * The writer thread's script. Compiled, it sits beside this module. Run from the TypeScript
 * sources (the Jest suites), there is no JavaScript beside it and the build in apps/api/dist is
 * used, which `npm test` makes first; a build older than the sources here would test old code, so
 * it is refused with what to run. Null when there is no build at all.
 */
export function sceneBatchWorkerScript(): string | null {
  const beside = join(__dirname, 'scene-batch.worker.js');
  if (existsSync(beside)) return beside;
  const built = join(__dirname, '..', '..', 'dist', 'room', 'scene-batch.worker.js');
  if (!existsSync(built)) return null;
  // tsc rewrites its build record on every build, but an output only when it changed.
  const builtAt = statSync(join(__dirname, '..', '..', 'dist', '.tsbuildinfo')).mtimeMs;
  const newer = readdirSync(__dirname).filter(
    (file) => file.startsWith('scene-batch') && statSync(join(__dirname, file)).mtimeMs > builtAt,
  );
  if (newer.length > 0)
    throw new Error(`The build in apps/api/dist is older than ${newer.join(', ')}: run npm run build:api`);
  return built;
}

/** Writes a batch of scene updates and says what became of each. */
export interface BatchWriter {
  write(batch: BatchUpdate[]): Promise<BatchOutcome[]>;
}

/**
 * Writes scene batches on a worker thread (scene-batch.worker.ts) with a PostgreSQL connection of
 * its own. The thread is started on the first batch and again after it died (its batches then
 * fail, and SceneWriter retries them one by one); it never keeps the process alive while idle. A
 * thread that cannot start at all (it died MAX_FAILED_STARTS times in a row before answering) is
 * given up for `fallback`, the server's own thread, with an error in the log: the room keeps
 * storing strokes. The embedded database lives in the server's thread, so it is never written here.
 */
export class SceneBatchThread implements BatchWriter {
  private readonly logger = new Logger('SceneBatchThread');
  private worker: Worker | null = null;
  private readonly pending = new Map<
    number,
    { resolve: (outcomes: BatchOutcome[]) => void; reject: (error: Error) => void }
  >();
  private nextId = 1;
  private closed = false;
  private failedStarts = 0;
  /** How many threads were started (tests, metrics). */
  starts = 0;

  constructor(
    private readonly data: SceneBatchWorkerData,
    private readonly script: string,
    private readonly fallback: BatchWriter,
  ) {}

  write(batch: BatchUpdate[]): Promise<BatchOutcome[]> {
    // Not restarted once the server is shutting down: it would hold a connection nobody closes.
    if (this.closed) return Promise.reject(new Error('the server is shutting down'));
    if (this.failedStarts >= MAX_FAILED_STARTS) return this.fallback.write(batch);
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
    this.starts += 1;
    let answered = false;
    worker.on('message', (reply: SceneBatchReply) => {
      if ('warning' in reply) return this.logger.warn(reply.warning);
      answered = true;
      this.failedStarts = 0;
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
      if (!answered && !this.closed && (this.failedStarts += 1) === MAX_FAILED_STARTS)
        this.logger.error(
          `the scene writer thread died ${MAX_FAILED_STARTS} times before writing anything; ` +
            'scene updates are written from the server thread from now on',
        );
      const lost = [...this.pending.values()];
      this.pending.clear();
      for (const { reject } of lost) reject(new Error(`the scene writer thread stopped (exit code ${code})`));
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }
}

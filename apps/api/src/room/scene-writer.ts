import { setTimeout as delay } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ROOM_LIMITS, type SceneElement } from '@mockboard/contracts';
import { incomingWins, type SceneRefusal } from '@mockboard/scene';
import { DomainError, conflict } from '../common/domain-error';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import type { ValidElement } from './room.service';
import { SceneBatchStore, type BatchOutcome, type BatchUpdate } from './scene-batch-store';
import { SceneBatchThread, sceneBatchWorkerScript, type BatchWriter } from './scene-batch-thread';
import { queryableOf } from './scene-batch.repository';

export interface AppliedUpdate {
  /** The copies that won and changed the stored scene, in the order they were logged. */
  accepted: SceneElement[];
  /** The board's version after the update: the sequence number of its latest logged change. */
  version: number;
  /** The round whose board it was stored on. */
  round: number;
}

interface PendingUpdate {
  sessionId: string;
  /** The round whose board it was drawn on; absent: the session's current round. */
  round: number | undefined;
  elements: readonly ValidElement[];
  /**
   * The slots of `elements` whose copy a later copy of the same element replaced while both were
   * queued (see SceneWriter.enqueue); they leave `elements` when the update is taken into a batch.
   */
  replaced?: Set<number>;
  /** Who sent it (null: the server's own write, never coalesced in the log). */
  authorId: string | null;
  /** When it arrived (epoch ms): what log coalescing measures its window with. */
  at: number;
  resolve: (result: AppliedUpdate) => void;
  reject: (error: unknown) => void;
  /** Joins waiting for this update to settle (see settled). */
  waiters?: (() => void)[];
}

/**
 * A transaction starts at most this often: at a few thousand updates a second, back-to-back
 * transactions of two or three updates each cost PostgreSQL ~350 µs of CPU per update, while one
 * every 25 ms carries dozens for the same fixed cost. Peers do not wait for it (updates are relayed
 * before the commit); only the sender's ack does.
 */
const MIN_BATCH_INTERVAL_MS = 25;
/** Where a queued copy of an element sits: its update and the slot in the update's elements. */
interface QueuedCopy {
  update: PendingUpdate;
  slot: number;
}
/** A batch writer the server closes at shutdown (the writer thread ends its connection). */
type ClosingBatchWriter = BatchWriter & { close(): Promise<void> };

const megabytes = (bytes: number) => `${Math.round(bytes / 1_000_000)} MB`;

const REFUSALS: Record<SceneRefusal, () => DomainError> = {
  scene_closed: () => conflict('The session is over; its whiteboard can no longer change'),
  scene_full: () =>
    new DomainError(
      'too_large',
      `A scene holds at most ${ROOM_LIMITS.maxElementsPerScene} elements; delete some before adding more`,
      { budget: 'elements' },
    ),
  scene_budget: () =>
    new DomainError(
      'too_large',
      `The whiteboard is full: its elements may take up ${megabytes(ROOM_LIMITS.maxSceneBytes)}; ` +
        'delete or simplify some before adding more',
      { budget: 'scene' },
    ),
  log_budget: () =>
    new DomainError(
      'too_large',
      `This session's change history is full (${megabytes(ROOM_LIMITS.maxLogBytes)}); ` +
        'the whiteboard can no longer change',
      { budget: 'log' },
    ),
};

/**
 * Group commit for scene updates: everything submitted while a transaction is being written goes
 * into the next one, so one commit (one WAL flush) makes many updates durable; SceneBatchStore
 * writes a batch with a fixed handful of statements. On PostgreSQL it does so on a thread of its
 * own (SCENE_WRITER_THREAD), whose round trips do not queue behind the room's socket traffic; the
 * embedded database is written in this thread. An update resolves only after its transaction
 * committed: that is when the gateway acks it.
 */
@Injectable()
export class SceneWriter implements OnApplicationShutdown {
  private readonly logger = new Logger('SceneWriter');
  private queue: PendingUpdate[] = [];
  /**
   * The queued copy of every element waiting for the next batch, by session, round and element:
   * a later copy replaces it (coalescing), so the backlog holds one copy per element however many
   * updates arrive while a transaction is being written.
   */
  private queuedCopies = new Map<string, QueuedCopy>();
  private writing: Promise<void> | null = null;
  /** Per session, its latest update not settled yet: what a join waits for (see settled). */
  private readonly latestPending = new Map<string, PendingUpdate>();

  /** Where batches are written: in this thread, or on the writer thread (SceneBatchThread). */
  private readonly batches: ClosingBatchWriter;

  constructor(dataSource: DataSource, @Inject(APP_CONFIG) config: AppConfig) {
    this.batches = this.batchWriter(dataSource, config.database);
  }

  private batchWriter(dataSource: DataSource, database: AppConfig['database']): ClosingBatchWriter {
    const store = new SceneBatchStore((work) =>
      dataSource.transaction((manager) => work(queryableOf(manager))),
    );
    const here = { write: (batch: BatchUpdate[]) => store.write(batch), close: async () => undefined };
    if (database.kind !== 'postgres' || !database.sceneWriterThread) return here;
    const script = sceneBatchWorkerScript();
    if (script) return new SceneBatchThread({ url: database.url, schema: database.schema }, script, here);
    this.logger.warn('No build of the scene writer thread (npm run build:api); writing in this thread');
    return here;
  }

  /**
   * Stores an update on the board of `round` (default: the session's current round, read in the
   * update's transaction). A past round's board still takes late strokes; a round that has not
   * started is refused.
   */
  submit(
    sessionId: string,
    elements: readonly ValidElement[],
    authorId: string | null = null,
    round?: number,
  ): Promise<AppliedUpdate> {
    // Never refused for being busy (issue 18): a slow database slows the acks, and coalescing in
    // enqueue bounds the backlog by the number of distinct elements. The gateway's
    // SceneBackpressure bounds the updates waiting for an ack: 64 a socket, 4 once the instance
    // is behind, where it stops reading the sockets past that.
    return new Promise((resolve, reject) => {
      const update: PendingUpdate = {
        sessionId,
        round,
        elements,
        authorId,
        at: Date.now(),
        resolve,
        reject,
      };
      this.enqueue(update);
      this.latestPending.set(sessionId, update);
      if (!this.writing) this.writing = this.drain();
    });
  }

  /**
   * Resolves once every update of the session submitted before this call has been committed or
   * refused; never rejects. A join waits for it (JoinBarrier) once its socket is in the room: an
   * update relayed before that was submitted in the same tick, so once it settled the scene read
   * sees it (issue 12). Updates settle in submission order (batches, and the halves of a failing
   * one, are written in order), so waiting for the latest one waits for all of them.
   */
  settled(sessionId: string): Promise<void> {
    const latest = this.latestPending.get(sessionId);
    if (!latest) return Promise.resolve();
    return new Promise((resolve) => (latest.waiters ??= []).push(resolve));
  }

  /** How many copies enqueue has replaced by a later one since the start (tests, metrics). */
  coalescedCopies = 0;

  /**
   * Queues an update. A copy of an element already waiting for the next batch (same session and
   * round) is decided now by the merge rule: the losing copy leaves the queue, so the batch writes
   * one copy per element. Both updates are in the same batch, so the earlier one is still acked only
   * after the copy that replaced it was committed. The server's own writes are never coalesced.
   */
  private enqueue(update: PendingUpdate): void {
    this.queue.push(update);
    this.latestPending.set(update.sessionId, update);
    if (update.authorId === null) return;
    update.elements.forEach(({ element }, slot) => {
      const key = `${update.sessionId}\u0000${update.round ?? ''}\u0000${element.id}`;
      const queued = this.queuedCopies.get(key);
      if (queued) {
        this.coalescedCopies += 1;
        if (!incomingWins(queued.update.elements[queued.slot]!.element, element)) {
          (update.replaced ??= new Set()).add(slot);
          return;
        }
        (queued.update.replaced ??= new Set()).add(queued.slot);
      }
      this.queuedCopies.set(key, { update, slot });
    });
  }

  /** Everything queued, for the next transaction; from now on nothing replaces its copies. */
  private takeQueue(): PendingUpdate[] {
    this.queuedCopies.clear();
    const batch = this.queue.splice(0);
    for (const update of batch) {
      const { replaced } = update;
      if (replaced) update.elements = update.elements.filter((_, slot) => !replaced.has(slot));
      update.replaced = undefined;
    }
    return batch;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.writing;
    await this.batches.close();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const started = Date.now();
      await this.writeIsolating(this.takeQueue());
      const wait = MIN_BATCH_INTERVAL_MS - (Date.now() - started);
      if (wait > 0 && this.queue.length > 0) await delay(wait);
    }
    this.writing = null;
  }

  /**
   * Writes a batch; if it fails, writes each half on its own, down to single updates, so one bad
   * update costs only itself (and a few extra transactions, not one per update).
   */
  private async writeIsolating(batch: readonly PendingUpdate[]): Promise<void> {
    try {
      const outcomes = await this.batches.write(batch.map(batchUpdateOf));
      batch.forEach((update, index) => this.finish(update, resultOf(update, outcomes[index]!)));
    } catch (error) {
      if (batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        await this.writeIsolating(batch.slice(0, half));
        await this.writeIsolating(batch.slice(half));
        return;
      }
      this.logger.error(`scene update failed: ${error instanceof Error ? error.message : String(error)}`);
      this.finish(
        batch[0]!,
        new DomainError('internal', 'This update could not be stored; it will be retried'),
      );
    }
  }

  private finish(update: PendingUpdate, outcome: AppliedUpdate | DomainError): void {
    if (outcome instanceof DomainError) update.reject(outcome);
    else update.resolve(outcome);
    if (this.latestPending.get(update.sessionId) === update) this.latestPending.delete(update.sessionId);
    for (const waiter of update.waiters ?? []) waiter();
  }
}

/** An update as the batch store takes it: plain data, ready to cross to the writer thread. */
function batchUpdateOf(update: PendingUpdate): BatchUpdate {
  return {
    sessionId: update.sessionId,
    round: update.round,
    authorId: update.authorId,
    at: update.at,
    elements: update.elements.map(({ element, json }) => ({
      id: element.id,
      version: element.version,
      versionNonce: element.versionNonce,
      isDeleted: element.isDeleted,
      json,
      bytes: Buffer.byteLength(json),
    })),
  };
}

/** The ack's result, or the refusal a client is told, for one update's outcome. */
function resultOf(update: PendingUpdate, outcome: BatchOutcome): AppliedUpdate | DomainError {
  if ('refused' in outcome) return REFUSALS[outcome.refused]();
  if ('notStarted' in outcome)
    return conflict(`Round ${outcome.notStarted} has not started; its board cannot be drawn on yet`);
  return {
    accepted: outcome.accepted.map((slot) => update.elements[slot]!.element),
    version: outcome.version,
    round: outcome.round,
  };
}

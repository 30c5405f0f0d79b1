import { setTimeout as delay } from 'node:timers/promises';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ROOM_LIMITS, type SceneElement } from '@mockboard/contracts';
import {
  coalesceLog,
  incomingWins,
  planSceneBatch,
  scenesGrownBy,
  scenesNeedingVersion,
  seqsAfterCoalescing,
  versionsAfterLog,
  winnerSeqs,
  type LogCandidate,
  type LogWindow,
  type SceneRefusal,
} from '@mockboard/scene';
import { DomainError, conflict } from '../common/domain-error';
import type { ValidElement } from './room.service';
import { sceneKey } from './scene-key';
import { SceneRepository } from './scene.repository';

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
/**
 * A drag or a freehand stroke sends its element 10 times a second; the log keeps one version per
 * element, author and window of this length (the last), so a replay still shows the drawing grow.
 */
export const LOG_COALESCING_WINDOW_MS = 1_000;
/**
 * A big element's window is longer: one logged copy per this many bytes a second. A 3,000-point pen
 * stroke (89 KB) logged 7 MB with the 1 s window alone (apps/web/e2e/room-long-stroke.test.ts), so
 * a few long strokes would fill the log's budget and freeze the board; at 10 KB a second a stroke
 * drawn for two minutes logs ~1.2 MB and its replay still shows it grow (libs/scene spec).
 */
export const LOG_BYTES_PER_SECOND = 10_000;
/** The longest window any copy gets: how long this instance remembers its last logged rows. */
const LONGEST_LOG_WINDOW_MS = Math.max(
  LOG_COALESCING_WINDOW_MS,
  (ROOM_LIMITS.maxElementBytes / LOG_BYTES_PER_SECOND) * 1_000,
);

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
 * into the next one, so one commit (one WAL flush) makes many updates durable. A batch costs a
 * fixed handful of statements however many updates it holds (lock, read, upsert, log; a count and
 * a version read only when needed): the decisions are made in memory by planSceneBatch. An update
 * resolves only after its transaction committed: that is when the gateway acks it.
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
  /**
   * The latest log row this instance wrote per element, for coalescing; only rows of the last
   * window are kept (oldest first, so pruning stops at the first recent one). Another instance's
   * rows are not here: they are simply not coalesced with ours.
   */
  private readonly logWindows = new Map<string, LogWindow>();
  /** Per session, its latest update not settled yet: what a join waits for (see settled). */
  private readonly latestPending = new Map<string, PendingUpdate>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly scenes: SceneRepository,
  ) {}

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
    // enqueue bounds the backlog by the number of distinct elements. Each socket's own rate limit
    // (SOCKET_RATE_LIMITS.scene) is what bounds the number of updates waiting for an ack.
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
   * refused; never rejects. A join waits for it (JoinBarrier) after entering the room: an update
   * relayed before that was submitted in the same tick, so once it settled the scene read sees it
   * (issue 12). Updates settle in submission order (batches, and the halves of a failing one, are
   * written in order), so waiting for the latest one waits for all of them.
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
      const { outcomes, windows } = await this.write(batch);
      this.rememberLogWindows(windows);
      this.settle(batch, outcomes);
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

  private settle(batch: readonly PendingUpdate[], outcomes: readonly (AppliedUpdate | DomainError)[]): void {
    batch.forEach((update, index) => this.finish(update, outcomes[index]!));
  }

  private finish(update: PendingUpdate, outcome: AppliedUpdate | DomainError): void {
    if (outcome instanceof DomainError) update.reject(outcome);
    else update.resolve(outcome);
    if (this.latestPending.get(update.sessionId) === update) this.latestPending.delete(update.sessionId);
    for (const waiter of update.waiters ?? []) waiter();
  }

  /**
   * One transaction for the whole batch; returns each update's result or refusal, in order, and
   * the log rows it wrote (remembered for coalescing once committed).
   */
  private async write(batch: readonly PendingUpdate[]): Promise<{
    outcomes: (AppliedUpdate | DomainError)[];
    windows: [string, LogWindow][];
  }> {
    const sessionIds = [...new Set(batch.map((update) => update.sessionId))];
    const elementIds = [
      ...new Set(batch.flatMap((update) => update.elements.map(({ element }) => element.id))),
    ];
    // The planner hands back the very element objects it was given: their JSON is looked up, not redone.
    const jsonOf = new Map<SceneElement, { json: string; bytes: number }>(
      batch.flatMap((update) =>
        update.elements.map(({ element, json }) => [element, { json, bytes: Buffer.byteLength(json) }]),
      ),
    );
    const serialized = (copies: readonly { sceneId: string; element: SceneElement }[]) =>
      copies.map(({ sceneId, element }) => ({ sceneId, ...jsonOf.get(element)! }));
    return this.dataSource.transaction(async (manager: EntityManager) => {
      await this.scenes.lockScenes(manager, sessionIds);
      const current = await this.scenes.currentRounds(manager, sessionIds);
      const rounds = batch.map((update) => update.round ?? current.get(update.sessionId) ?? 1);
      // A round that has not started has no board yet: such an update is refused, not planned.
      const early = batch.map((update, index) => rounds[index]! > (current.get(update.sessionId) ?? 1));
      const plannedAt = batch.flatMap((_, index) => (early[index] ? [] : [index]));
      const planned = plannedAt.map((index) => batch[index]!);
      const updates = planned.map((update, index) => ({
        sceneId: sceneKey(update.sessionId, rounds[plannedAt[index]!]!),
        elements: update.elements.map(({ element }) => element),
      }));
      const sceneIds = [...new Set(updates.map((update) => update.sceneId))];
      const found = await this.scenes.storedCopies(manager, sceneIds, elementIds);
      const counts = await this.scenes.elementCounts(
        manager,
        scenesGrownBy(updates, (id) => found.get(id)?.copies),
      );
      const stored = new Map(
        [...found].map(([id, scene]) => [id, { ...scene, elementCount: counts.get(id) ?? 0 }]),
      );
      const plan = planSceneBatch(updates, stored, {
        maxElements: ROOM_LIMITS.maxElementsPerScene,
        maxSceneBytes: ROOM_LIMITS.maxSceneBytes,
        maxLogBytes: ROOM_LIMITS.maxLogBytes,
        sizeOf: (element) => jsonOf.get(element)!.bytes,
      });
      const initial = await this.scenes.versions(manager, scenesNeedingVersion(plan, updates));
      const candidates = logCandidates(
        plan.outcomes,
        planned,
        plan.log,
        (element) => jsonOf.get(element)!.bytes,
      );
      const coalesced = coalesceLog(
        candidates,
        this.logWindows,
        LOG_COALESCING_WINDOW_MS,
        LOG_BYTES_PER_SECOND,
      );
      const written = await this.scenes.writeLog(
        manager,
        serialized(plan.log.filter((_, index) => coalesced.keep[index])),
        coalesced.replacedSeqs,
        plan.sceneBytes,
      );
      const seqs = seqsAfterCoalescing(coalesced, written);
      // After the log: each stored element keeps the seq of its log row (see SceneRepository.load).
      const stampedSeqs = winnerSeqs(plan, seqs);
      await this.scenes.writeWinners(
        manager,
        serialized(plan.winners).map((copy, index) => ({ ...copy, seq: stampedSeqs[index]! })),
      );
      const versions = versionsAfterLog(plan, updates, initial, seqs);
      const windows: [string, LogWindow][] = [];
      candidates.forEach((candidate, index) => {
        if (coalesced.keep[index] && candidate.authorId !== null)
          windows.push([
            candidate.key,
            { seq: seqs[index]!, authorId: candidate.authorId, startedAt: coalesced.startedAt[index]! },
          ]);
      });
      const plannedOutcomes = plan.outcomes.map((outcome, index) =>
        'refused' in outcome
          ? REFUSALS[outcome.refused]()
          : {
              accepted: outcome.accepted,
              version: versions[index]!,
              round: rounds[plannedAt[index]!]!,
            },
      );
      let next = 0;
      const outcomes = batch.map((_, index) =>
        early[index]
          ? conflict(`Round ${rounds[index]} has not started; its board cannot be drawn on yet`)
          : plannedOutcomes[next++]!,
      );
      return { outcomes, windows };
    });
  }

  private rememberLogWindows(windows: readonly [string, LogWindow][]): void {
    for (const [key, window] of windows) {
      this.logWindows.delete(key); // re-inserted last: the map stays ordered by time of writing
      this.logWindows.set(key, window);
    }
    const now = Date.now();
    for (const [key, window] of this.logWindows) {
      if (now - window.startedAt < LONGEST_LOG_WINDOW_MS) break;
      this.logWindows.delete(key);
    }
  }
}

/** Each logged copy of the plan with the author and arrival time of the update it came from. */
function logCandidates(
  outcomes: ReturnType<typeof planSceneBatch<SceneElement>>['outcomes'],
  batch: readonly PendingUpdate[],
  log: readonly { sceneId: string; element: SceneElement }[],
  sizeOf: (element: SceneElement) => number,
): LogCandidate[] {
  const candidates = new Array<LogCandidate>(log.length);
  outcomes.forEach((outcome, index) => {
    if ('refused' in outcome) return;
    const { authorId, at } = batch[index]!;
    for (let position = outcome.logRange[0]; position < outcome.logRange[1]; position += 1) {
      const { sceneId, element } = log[position]!;
      candidates[position] = { key: `${sceneId}\u0000${element.id}`, authorId, at, bytes: sizeOf(element) };
    }
  });
  return candidates;
}

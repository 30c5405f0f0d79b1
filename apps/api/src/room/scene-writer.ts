import { setTimeout as delay } from 'node:timers/promises';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ROOM_LIMITS, type SceneElement } from '@mockboard/contracts';
import {
  planSceneBatch,
  scenesGrownBy,
  scenesNeedingVersion,
  versionsAfterLog,
  type SceneRefusal,
} from '@mockboard/scene';
import { RoomError } from './room-error';
import type { ValidElement } from './room.service';
import { SceneRepository } from './scene.repository';

export interface AppliedUpdate {
  /** The copies that won and changed the stored scene, in the order they were logged. */
  accepted: SceneElement[];
  /** The scene's version after the update: the sequence number of its latest logged change. */
  version: number;
}

interface PendingUpdate {
  sessionId: string;
  elements: readonly ValidElement[];
  resolve: (result: AppliedUpdate) => void;
  reject: (error: unknown) => void;
}

/**
 * A transaction starts at most this often: at a few thousand updates a second, back-to-back
 * transactions of two or three updates each cost PostgreSQL ~350 µs of CPU per update, while one
 * every 25 ms carries dozens for the same fixed cost. Peers do not wait for it (updates are relayed
 * before the commit); only the sender's ack does.
 */
const MIN_BATCH_INTERVAL_MS = 25;
/**
 * Updates waiting at most (bench/realtime: an unbounded queue grew the heap to 2 GB). A
 * transaction takes everything waiting: when the event loop is saturated each round trip to the
 * database waits behind hundreds of sockets, so only large batches keep the writer's throughput.
 */
const MAX_BACKLOG = 2_000;

const REFUSALS: Record<SceneRefusal, () => RoomError> = {
  scene_closed: () => new RoomError('conflict', 'The session is over; its whiteboard can no longer change'),
  scene_full: () =>
    new RoomError(
      'too_large',
      `A scene holds at most ${ROOM_LIMITS.maxElementsPerScene} elements; delete some before adding more`,
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
  private writing: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly scenes: SceneRepository,
  ) {}

  submit(sessionId: string, elements: readonly ValidElement[]): Promise<AppliedUpdate> {
    // Past this backlog the database is the bottleneck: refusing (clients retry rate_limited
    // updates later) keeps memory bounded instead of growing the queue without end.
    if (this.queue.length >= MAX_BACKLOG) {
      return Promise.reject(
        new RoomError('rate_limited', 'The server is busy storing other changes; this one will be retried'),
      );
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ sessionId, elements, resolve, reject });
      if (!this.writing) this.writing = this.drain();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.writing;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const started = Date.now();
      await this.writeIsolating(this.queue.splice(0));
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
      settle(batch, await this.write(batch));
    } catch (error) {
      if (batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        await this.writeIsolating(batch.slice(0, half));
        await this.writeIsolating(batch.slice(half));
        return;
      }
      this.logger.error(`scene update failed: ${error instanceof Error ? error.message : String(error)}`);
      batch[0]!.reject(new RoomError('internal', 'This update could not be stored; it will be retried'));
    }
  }

  /** One transaction for the whole batch; returns each update's result or refusal, in order. */
  private write(batch: readonly PendingUpdate[]): Promise<(AppliedUpdate | RoomError)[]> {
    const sessionIds = [...new Set(batch.map((update) => update.sessionId))];
    const elementIds = [
      ...new Set(batch.flatMap((update) => update.elements.map(({ element }) => element.id))),
    ];
    const updates = batch.map((update) => ({
      sceneId: update.sessionId,
      elements: update.elements.map(({ element }) => element),
    }));
    // The planner hands back the very element objects it was given: their JSON is looked up, not redone.
    const jsonOf = new Map(
      batch.flatMap((update) => update.elements.map(({ element, json }) => [element, json])),
    );
    const serialized = (copies: readonly { sceneId: string; element: SceneElement }[]) =>
      copies.map(({ sceneId, element }) => ({ sceneId, json: jsonOf.get(element)! }));
    return this.dataSource.transaction(async (manager: EntityManager) => {
      await this.scenes.lockScenes(manager, sessionIds);
      const found = await this.scenes.storedCopies(manager, sessionIds, elementIds);
      const counts = await this.scenes.elementCounts(
        manager,
        scenesGrownBy(updates, (id) => found.get(id)?.copies),
      );
      const stored = new Map(
        [...found].map(([id, scene]) => [id, { ...scene, elementCount: counts.get(id) ?? 0 }]),
      );
      const plan = planSceneBatch(updates, stored, ROOM_LIMITS.maxElementsPerScene);
      const initial = await this.scenes.versions(manager, scenesNeedingVersion(plan, updates));
      await this.scenes.writeWinners(manager, serialized(plan.winners));
      const seqs = await this.scenes.appendLog(manager, serialized(plan.log));
      const versions = versionsAfterLog(plan, updates, initial, seqs);
      return plan.outcomes.map((outcome, index) =>
        'refused' in outcome
          ? REFUSALS[outcome.refused]()
          : { accepted: outcome.accepted, version: versions[index]! },
      );
    });
  }
}

function settle(batch: readonly PendingUpdate[], outcomes: readonly (AppliedUpdate | RoomError)[]): void {
  batch.forEach((update, index) => {
    const outcome = outcomes[index]!;
    if (outcome instanceof RoomError) update.reject(outcome);
    else update.resolve(outcome);
  });
}

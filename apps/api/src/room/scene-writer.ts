import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ROOM_LIMITS, type SceneElement } from '@mockboard/contracts';
import { mergeElements } from '@mockboard/scene';
import { RoomError } from './room-error';
import { SceneRepository, type AppliedUpdate } from './scene.repository';

interface PendingUpdate {
  sessionId: string;
  elements: SceneElement[];
  resolve: (result: AppliedUpdate) => void;
  reject: (error: unknown) => void;
}

/** Updates written per transaction at most; the rest wait for the next commit. */
const MAX_BATCH = 200;
/** Updates waiting at most (bench/realtime: an unbounded queue grew the heap to 2 GB). */
const MAX_BACKLOG = 2_000;

/**
 * Group commit for scene updates: everything submitted while a transaction is being written goes
 * into the next one, so one commit (one WAL flush) makes many updates durable. An update resolves
 * only after its transaction committed: that is when the gateway acks it.
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

  submit(sessionId: string, elements: SceneElement[]): Promise<AppliedUpdate> {
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
      const batch = this.queue.splice(0, MAX_BATCH);
      const results: (AppliedUpdate | RoomError)[] = [];
      try {
        await this.dataSource.transaction(async (manager) => {
          results.length = 0;
          for (const update of batch) results.push(await this.applyOne(manager, update));
        });
        batch.forEach((update, i) => {
          const result = results[i]!;
          if (result instanceof RoomError) update.reject(result);
          else update.resolve(result);
        });
      } catch (error) {
        for (const update of batch) update.reject(error);
      }
    }
    this.writing = null;
  }

  /**
   * One update inside the shared transaction, behind a savepoint: a refused or failing update is
   * a value for its own sender, never a rollback of the other rooms' updates in the batch.
   */
  private async applyOne(
    manager: Parameters<SceneRepository['apply']>[0],
    update: PendingUpdate,
  ): Promise<AppliedUpdate | RoomError> {
    await manager.query('SAVEPOINT scene_update');
    try {
      const result = await this.check(manager, update);
      if (result instanceof RoomError) {
        await manager.query('ROLLBACK TO SAVEPOINT scene_update');
        return result;
      }
      await manager.query('RELEASE SAVEPOINT scene_update');
      return result;
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT scene_update');
      this.logger.error(`scene update failed: ${error instanceof Error ? error.message : String(error)}`);
      return new RoomError('internal', 'This update could not be stored; it will be retried');
    }
  }

  private async check(
    manager: Parameters<SceneRepository['apply']>[0],
    update: PendingUpdate,
  ): Promise<AppliedUpdate | RoomError> {
    // The whiteboard is final once the interview is over: it is what the case study shows.
    if (!(await this.scenes.isEditable(manager, update.sessionId))) {
      return new RoomError('conflict', 'The session is over; its whiteboard can no longer change');
    }
    const unique = mergeElements(new Map<string, SceneElement>(), update.elements);
    const { total, known } = await this.scenes.census(
      manager,
      update.sessionId,
      unique.map((element) => element.id),
    );
    if (total + unique.length - known > ROOM_LIMITS.maxElementsPerScene) {
      return new RoomError(
        'too_large',
        `A scene holds at most ${ROOM_LIMITS.maxElementsPerScene} elements; delete some before adding more`,
      );
    }
    return this.scenes.apply(manager, update.sessionId, unique);
  }
}

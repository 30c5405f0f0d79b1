import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OutboxDispatcher, type FollowUp } from './outbox.dispatcher';
import { OutboxRepository, type OutboxRow } from './outbox.repository';

/**
 * The transactional outbox: work that must follow a change (a notification) is written in the
 * change's own transaction, so both commit or neither does. A transaction started here also
 * delivers it before committing, under a savepoint, and runs what must follow the commit (a push to
 * open sockets) after it; anything else is delivered by the dispatcher's poll. A failed delivery is
 * retried by the dispatcher and never changes the answer of the request that made the change.
 */
@Injectable()
export class OutboxService {
  /** Rows each open transaction enqueued, delivered before it commits (a rollback drops them). */
  private readonly enqueued = new WeakMap<EntityManager, OutboxRow[]>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  /** Writes one row per payload in `manager`'s transaction. */
  async enqueue(manager: EntityManager, kind: string, payloads: readonly unknown[]): Promise<void> {
    const rows = await this.outbox.insert(manager, kind, payloads);
    this.enqueued.set(manager, [...(this.enqueued.get(manager) ?? []), ...rows]);
  }

  /**
   * `dataSource.transaction`, with delivery of what it enqueued at its end: in the same commit,
   * so a booking costs one commit rather than two (bench/booking), and a client reading its
   * notifications after the answer finds them. A delivery that fails is undone alone (savepoint),
   * marked for a retry and only logged: the answer reflects what the work committed. Rows enqueued
   * in a transaction not started here are delivered by the next poll instead.
   */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    let followUps: FollowUp[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const value = await work(manager);
      const rows = this.enqueued.get(manager);
      if (rows?.length) {
        this.enqueued.delete(manager);
        followUps = await this.dispatcher.deliverWithin(manager, rows);
      }
      return value;
    });
    this.dispatcher.runFollowUps(followUps);
    return result;
  }
}

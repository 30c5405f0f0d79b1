import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OutboxDispatcher } from './outbox.dispatcher';
import { OutboxRepository } from './outbox.repository';

/**
 * The transactional outbox: work that must follow a change (a notification, later an email) is
 * written in the change's own transaction, so both commit or neither does, and is delivered once
 * that transaction has committed. A failed delivery is retried by the dispatcher and never
 * changes the answer of the request that made the change.
 */
@Injectable()
export class OutboxService {
  /** Rows each open transaction enqueued, delivered after it commits (a rollback drops them). */
  private readonly enqueued = new WeakMap<EntityManager, string[]>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  /** Writes one row per payload in `manager`'s transaction. */
  async enqueue(manager: EntityManager, kind: string, payloads: readonly unknown[]): Promise<void> {
    const ids = await this.outbox.insert(manager, kind, payloads);
    this.enqueued.set(manager, [...(this.enqueued.get(manager) ?? []), ...ids]);
  }

  /**
   * `dataSource.transaction`, then delivery of what it enqueued. The caller waits for that
   * delivery (a client reading its notifications after the answer finds them), but its outcome is
   * only logged and retried: the answer reflects what was committed. Rows enqueued in a
   * transaction not started here are delivered by the next poll instead.
   */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    let used: EntityManager | undefined;
    const result = await this.dataSource.transaction((manager) => {
      used = manager;
      return work(manager);
    });
    const ids = used && this.enqueued.get(used);
    if (ids?.length) {
      this.enqueued.delete(used!);
      await this.dispatcher.deliverDue(ids);
    }
    return result;
  }
}

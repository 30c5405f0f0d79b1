import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OutboxDispatcher, type FollowUp } from './outbox.dispatcher';
import { OutboxRepository, type OutboxRow } from './outbox.repository';

/**
 * The transactional outbox: work that must follow a change (a notification) is written in the
 * change's own transaction, so both commit or neither does. A transaction started here delivers it
 * before committing, under a savepoint, writes the row already marked (one statement, not a write
 * and a mark), and runs what must follow the commit (a push to open sockets) after it; anything
 * else is written due and delivered by the dispatcher's poll. A failed delivery is retried by the
 * dispatcher and never changes the answer of the request that made the change.
 */
@Injectable()
export class OutboxService {
  /** Rows each transaction started here has enqueued, written when it ends (a rollback drops them). */
  private readonly enqueued = new WeakMap<EntityManager, OutboxRow[]>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  /** One row per payload in `manager`'s transaction. */
  async enqueue(manager: EntityManager, kind: string, payloads: readonly unknown[]): Promise<void> {
    const enqueued = this.enqueued.get(manager);
    if (!enqueued) return this.outbox.insert(manager, kind, payloads);
    const createdAt = new Date();
    for (const payload of payloads) {
      // Through JSON, as a handler would read it back from the jsonb column.
      enqueued.push({
        id: randomUUID(),
        kind,
        payload: JSON.parse(JSON.stringify(payload)),
        createdAt,
        attempts: 0,
      });
    }
  }

  /**
   * `dataSource.transaction`, with delivery of what it enqueued at its end: in the same commit,
   * so a booking costs one commit rather than two (bench/booking), and a client reading its
   * notifications after the answer finds them. A delivery that fails is undone alone (savepoint),
   * its row written for a retry and only logged: the answer reflects what the work committed.
   */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    let followUps: FollowUp[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = [];
      this.enqueued.set(manager, rows);
      try {
        const value = await work(manager);
        if (rows.length > 0) followUps = await this.dispatcher.deliverNew(manager, rows);
        return value;
      } finally {
        this.enqueued.delete(manager);
      }
    });
    this.dispatcher.runFollowUps(followUps);
    return result;
  }
}

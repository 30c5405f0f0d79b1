import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { afterFailedAttempt, describeFailure, type RetryDecision } from './outbox-retry';
import { OutboxRepository, type AttemptedRow, type OutboxRow } from './outbox.repository';

/** What to do once a delivery has committed (e.g. push to open sockets); cannot be retried. */
export type FollowUp = () => void;

/** How one delivery attempt ended: what to run after the commit, or why it failed and what next. */
type Attempt =
  | { delivered: true; followUp: FollowUp | void }
  | { delivered: false; failure: { error: string; decision: RetryDecision } };

/** Delivers one kind of outbox row. */
export interface OutboxHandler {
  /**
   * Runs inside the transaction that marks the row delivered, so what it writes and the mark
   * commit together. Returns what to do once that has committed, which must not throw.
   */
  deliver(manager: EntityManager, row: OutboxRow): Promise<FollowUp | void>;
}

/** Retries and rows left by a stopped or crashed instance wait at most this long. */
const POLL_EVERY_MS = 2_000;
/** Rows per delivery transaction: its locks are held until all of them are delivered. */
const BATCH_SIZE = 50;
/**
 * How long finished rows are kept. A delivered row is only history (its notification carries the
 * outbox id); a given-up row waits longer for an operator to read its `last_error` and act.
 */
export const OUTBOX_RETENTION = { deliveredDays: 7, failedDays: 30 } as const;
/**
 * Rows one poll deletes of each sort at most, so a backlog (a first deploy of pruning, a long
 * stop) goes as short statements, 1,000 every 2 s, rather than one that holds the table for long.
 */
export const PRUNE_BATCH = 1_000;

/**
 * Delivers outbox rows: the ones a request's transaction just enqueued (OutboxService hands them
 * over, not yet written, before it commits), and every 2 s whatever is due, i.e. retries, rows
 * written outside OutboxService and rows whose instance stopped before delivering them. A failure
 * is recorded on the row and retried later; it never reaches the caller. The same poll deletes
 * finished rows older than OUTBOX_RETENTION, so the table does not grow forever.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private readonly handlers = new Map<string, OutboxHandler>();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private readonly running = new Set<Promise<number>>();
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
  ) {}

  /** Called by the module that owns a kind, before the application starts. */
  register(kind: string, handler: OutboxHandler): void {
    if (this.handlers.has(kind)) throw new Error(`Outbox kind "${kind}" already has a handler`);
    this.handlers.set(kind, handler);
  }

  onApplicationBootstrap(): void {
    // unref: a pending poll never keeps the process alive on its own. The first poll runs now, so
    // rows left by a crash go out as soon as the instance is back.
    this.timer = setInterval(() => this.poll(), POLL_EVERY_MS).unref();
    this.poll();
  }

  /** Stops before any module starts closing, so no delivery meets a closed database or socket server. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all(this.running);
  }

  /** One poll at a time per instance; a tick that finds one still running skips. */
  private poll(): void {
    this.polling ??= this.deliverDue()
      .then(() => this.pruneFinished())
      .then(() => undefined)
      .finally(() => (this.polling = null));
  }

  /** Deletes one batch of old delivered rows and one of old given-up rows; how many. Never throws. */
  pruneFinished(): Promise<number> {
    return this.track(this.pruneBatches());
  }

  private async pruneBatches(): Promise<number> {
    if (this.stopped) return 0;
    const manager = this.dataSource.manager;
    try {
      const delivered = await this.outbox.pruneFinished(
        manager,
        'delivered_at',
        OUTBOX_RETENTION.deliveredDays,
        PRUNE_BATCH,
      );
      const failed = await this.outbox.pruneFinished(
        manager,
        'failed_at',
        OUTBOX_RETENTION.failedDays,
        PRUNE_BATCH,
      );
      return delivered + failed;
    } catch (error) {
      // Nothing waits on pruning: the next poll tries again.
      this.logger.error(`Outbox pruning failed: ${describeFailure(error)}`);
      return 0;
    }
  }

  /** Delivers every due row, batch after batch. Never throws. */
  deliverDue(): Promise<number> {
    return this.track(this.deliverBatches());
  }

  private track(work: Promise<number>): Promise<number> {
    this.running.add(work);
    return work.finally(() => this.running.delete(work));
  }

  private async deliverBatches(): Promise<number> {
    let delivered = 0;
    while (!this.stopped && this.handlers.size > 0) {
      try {
        const batch = await this.deliverBatch();
        delivered += batch.delivered;
        if (batch.claimed < BATCH_SIZE) break;
      } catch (error) {
        // The database itself failed (connection lost, shutting down): the rows stay due.
        this.logger.error(`Outbox delivery failed: ${describeFailure(error)}`);
        break;
      }
    }
    return delivered;
  }

  /**
   * Delivers rows that `manager`'s own transaction enqueued but has not written yet (OutboxService),
   * then writes them as their attempt left them, in one statement. Nobody else can see them, so
   * there is nothing to claim. Returns what to run once the transaction has committed
   * (runFollowUps). Rows of a kind with no handler are written due, for a poll.
   */
  async deliverNew(manager: EntityManager, rows: readonly OutboxRow[]): Promise<FollowUp[]> {
    const followUps: FollowUp[] = [];
    const attempted: AttemptedRow[] = [];
    const handled = this.stopped ? [] : rows.filter((row) => this.handlers.has(row.kind));
    for (const row of rows) {
      if (!handled.includes(row)) {
        attempted.push({ row, outcome: { state: 'due' } });
        continue;
      }
      const attempt = await this.attempt(manager, row, row !== handled.at(-1));
      if (attempt.delivered && attempt.followUp) followUps.push(attempt.followUp);
      attempted.push({
        row,
        outcome: attempt.delivered ? { state: 'delivered' } : { state: 'failed', ...attempt.failure },
      });
    }
    await this.outbox.insertAttempted(manager, attempted);
    return followUps;
  }

  /** Runs follow-ups of committed deliveries; one that throws is logged and the others still run. */
  runFollowUps(followUps: readonly FollowUp[]): void {
    for (const then of followUps) {
      try {
        then();
      } catch (error) {
        this.logger.warn(`Outbox follow-up after delivery failed: ${describeFailure(error)}`);
      }
    }
  }

  private async deliverBatch(): Promise<{ claimed: number; delivered: number }> {
    const { claimed, delivered, followUps } = await this.dataSource.transaction(async (manager) => {
      const rows = await this.outbox.claimDue(manager, [...this.handlers.keys()], BATCH_SIZE);
      return { claimed: rows.length, ...(await this.deliverRows(manager, rows)) };
    });
    this.runFollowUps(followUps);
    return { claimed, delivered };
  }

  /** Each claimed row under its own savepoint; how many were delivered, what to run after the commit. */
  private async deliverRows(
    manager: EntityManager,
    rows: readonly OutboxRow[],
  ): Promise<{ delivered: number; followUps: FollowUp[] }> {
    let delivered = 0;
    const followUps: FollowUp[] = [];
    for (const row of rows) {
      const attempt = await this.attempt(manager, row, row !== rows.at(-1));
      if (attempt.delivered) {
        await this.outbox.markDelivered(manager, row.id);
        delivered += 1;
        if (attempt.followUp) followUps.push(attempt.followUp);
      } else {
        await this.outbox.markFailed(manager, row.id, attempt.failure.decision, attempt.failure.error);
      }
    }
    return { delivered, followUps };
  }

  /**
   * One row's delivery under a savepoint, so its failure undoes only its own writes. `release`
   * false leaves the savepoint for the commit to release (the last row of a transaction): one
   * round trip fewer. A failure is logged with what happens next.
   */
  private async attempt(manager: EntityManager, row: OutboxRow, release: boolean): Promise<Attempt> {
    await this.outbox.beginRow(manager);
    try {
      const followUp = await this.handlers.get(row.kind)!.deliver(manager, row);
      if (release) await this.outbox.keepRow(manager);
      return { delivered: true, followUp };
    } catch (error) {
      await this.outbox.undoRow(manager);
      const failure = { error: describeFailure(error), decision: afterFailedAttempt(row.attempts + 1) };
      const what = `Outbox ${row.kind} ${row.id} attempt ${row.attempts + 1} failed: ${failure.error}`;
      if (failure.decision.giveUp) this.logger.error(`${what}; giving up, it stays marked failed`);
      else this.logger.warn(`${what}; retrying in ${failure.decision.delayMs / 1000} s`);
      return { delivered: false, failure };
    }
  }
}

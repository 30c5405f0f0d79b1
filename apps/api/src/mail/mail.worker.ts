import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource, type EntitySubscriberInterface } from 'typeorm';
import { MAIL_KIND_LABELS, OptionalMailKindSchema } from '@mockboard/contracts';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { PublicUrl } from '../config/public-url';
import { afterFailedAttempt, describeFailure } from '../outbox/outbox-retry';
import { buildOutgoingMessage } from './mail-message';
import { MailService } from './mail.service';
import type { ComposedMail } from './mail.types';
import { MailPreferencesService } from './preferences/mail-preferences.service';
import { MAIL_TRANSPORT } from './mail-transport.token';
import type { MailTransport, OutgoingMessage } from './outgoing-message';
import { OutgoingMailRepository, type ClaimedMail } from './outgoing-mail.repository';
import { SharedReads } from './shared-reads';

/** Mail that waits for a retry, or was left by a stopped instance, goes out within this. */
const POLL_EVERY_MS = 2_000;
/** How long a claimed mail belongs to the worker that claimed it. */
export const LEASE_MS = 30_000;
/** A send that takes longer is abandoned (and retried after the lease), well inside LEASE_MS. */
export const SEND_TIMEOUT_MS = 20_000;
/**
 * Rows leased by one claim. Under load every statement waits for a pooled connection behind the
 * requests, so claiming one row per mail slowed the queue to a dozen mails a second; a batch
 * claims at once and lets a booking's two confirmations share their read of the session.
 */
export const CLAIM_BATCH_SIZE = 10;
/** Slack between a send's deadline and the end of its lease, for writing the mail and marking it. */
const LEASE_SLACK_MS = 2_000;
/**
 * Finished mail is kept this long (what was sent or skipped and why, for support questions), then
 * deleted, at most MAIL_PRUNE_BATCH rows every POLL_EVERY_MS. Its dedupe keys name events that are
 * over by then.
 */
export const MAIL_RETENTION_DAYS = 30;
const MAIL_PRUNE_BATCH = 1_000;
/** Verification and reset answer the reader's own request, so they go to an unverified address too. */
const SENT_WHILE_UNVERIFIED = new Set(['verify_email', 'password_reset']);

/**
 * A suspended or banned reader gets no mail, but for the one that tells them the moderators
 * cancelled their sessions: it carries the METHOD:CANCEL invitation without which the session
 * would stay in their calendar, and it says why it is gone.
 */
function reachesRestrictedReader(row: ClaimedMail): boolean {
  return row.kind === 'cancelled' && row.data.by === 'moderation';
}

/**
 * Whether a send may still start on a row leased at `claimedAt` (performance.now(), read before the
 * claim was sent, so the lease ends no earlier than LEASE_MS after it): even a send that runs to
 * SEND_TIMEOUT_MS must end, and be marked, while the lease is ours, or another instance could send
 * the mail again.
 */
export function leaseLeavesTimeToSend(claimedAt: number, now: number): boolean {
  return now + SEND_TIMEOUT_MS + LEASE_SLACK_MS <= claimedAt + LEASE_MS;
}

class SendTimeout extends Error {
  override name = 'SendTimeout';
}

/**
 * Sends queued mail, one row at a time from batches it claims; any number of instances may run it
 * side by side.
 *
 * Why each mail goes out once: rows are claimed with a 30 s lease in their own short statement
 * (FOR UPDATE SKIP LOCKED, so two workers never claim the same row), sent OUTSIDE any transaction
 * (the embedded database has one connection: a transaction held across an SMTP conversation would
 * stall the whole app), then marked sent only if the lease is still ours. A send starts only while
 * the batch's lease leaves room for it to time out (leaseLeavesTimeToSend); the rows a worker will
 * not send in time, or when it stops, are handed back at once. A worker killed mid-send
 * never completes its SMTP transaction, which the server discards; the row is claimed again when
 * the lease ends. The one window left for a duplicate is between the server's 250 after DATA and
 * our UPDATE (milliseconds): the Message-ID is stable per row, so receivers can drop the repeat.
 */
@Injectable()
export class MailWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MailWorker.name);
  /** Names this instance's leases; unique per process start. */
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private pollAgain = false;
  /**
   * Set at the start and by the timer, so old rows are pruned at most once per POLL_EVERY_MS however
   * often commits wake the worker. Every drain used to prune too: 364 of them in the query log of
   * four API test files, whose sign-ups and bookings each wake it.
   */
  private pruneDue = true;
  private stopped = false;
  private readonly wakeOnCommit: EntitySubscriberInterface = {
    // A transaction that queued mail committed: send it now rather than at the next poll.
    afterTransactionCommit: (event) => {
      if (!event.queryRunner.isTransactionActive && this.mail.takeCommitWithMail(event.queryRunner))
        setImmediate(() => this.poll());
    },
  };

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mail: MailService,
    private readonly outgoing: OutgoingMailRepository,
    private readonly preferences: MailPreferencesService,
    private readonly publicUrl: PublicUrl,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
  ) {}

  onApplicationBootstrap(): void {
    this.dataSource.subscribers.push(this.wakeOnCommit);
    // unref: a pending poll never keeps the process alive on its own. The first poll runs now, so
    // mail left by a crash goes out as soon as its lease has ended.
    this.timer = setInterval(() => {
      this.pruneDue = true;
      this.poll();
    }, POLL_EVERY_MS).unref();
    this.poll();
  }

  /** Stops before the database closes; a send under way finishes (it is bounded by SEND_TIMEOUT_MS). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const index = this.dataSource.subscribers.indexOf(this.wakeOnCommit);
    if (index >= 0) this.dataSource.subscribers.splice(index, 1);
    await this.polling;
    this.transport.close();
  }

  /** One drain at a time per instance; a wake-up during one makes it look again when done. */
  poll(): void {
    if (this.stopped) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.pollAgain = false;
    this.polling = this.drain()
      .then(() => this.prune())
      .finally(() => {
        this.polling = null;
        if (this.pollAgain) this.poll();
      });
  }

  /** Deletes one batch of old finished rows if the timer asked. Never throws: the next tick tries again. */
  private async prune(): Promise<void> {
    if (this.stopped || !this.pruneDue) return;
    this.pruneDue = false;
    try {
      await this.outgoing.pruneFinished(this.dataSource.manager, MAIL_RETENTION_DAYS, MAIL_PRUNE_BATCH);
    } catch (error) {
      this.logger.error(`Mail pruning failed: ${describeFailure(error)}`);
    }
  }

  /** Sends due mail until none is left, a batch at a time. Never throws. */
  private async drain(): Promise<void> {
    const kinds = this.mail.composedKinds();
    if (kinds.length === 0) return;
    while (!this.stopped) {
      const claimedAt = performance.now();
      let batch: ClaimedMail[];
      try {
        batch = await this.outgoing.claimBatch(
          this.dataSource.manager,
          this.workerId,
          LEASE_MS,
          kinds,
          CLAIM_BATCH_SIZE,
        );
      } catch (error) {
        // The database itself failed (connection lost, shutting down): the rows stay due.
        this.logger.error(`Mail claim failed: ${describeFailure(error)}`);
        return;
      }
      if (batch.length === 0) return;
      await this.deliverBatch(batch, claimedAt);
    }
  }

  /**
   * Sends the batch in order. Rows it will not send now (the instance is stopping, or a slow
   * server used up the lease) are handed back for any instance to take at once.
   */
  private async deliverBatch(batch: readonly ClaimedMail[], claimedAt: number): Promise<void> {
    const shared = new SharedReads();
    for (const [index, row] of batch.entries()) {
      if (this.stopped || !leaseLeavesTimeToSend(claimedAt, performance.now())) {
        await this.release(batch.slice(index));
        return;
      }
      await this.deliver(row, shared);
    }
  }

  /** Never throws: rows not handed back are taken again when their lease ends. */
  private async release(rows: readonly ClaimedMail[]): Promise<void> {
    try {
      await this.outgoing.release(
        this.dataSource.manager,
        rows.map((row) => row.id),
        this.workerId,
      );
    } catch (error) {
      this.logger.error(`Handing back ${rows.length} claimed mail(s) failed: ${describeFailure(error)}`);
    }
  }

  /** Sends, skips or schedules a retry of one claimed row. Never throws. */
  private async deliver(row: ClaimedMail, shared: SharedReads): Promise<void> {
    let prepared: { message: OutgoingMessage } | { skip: string };
    try {
      prepared = await this.prepare(row, shared);
      if ('skip' in prepared) {
        await this.outgoing.markSkipped(this.dataSource.manager, row.id, this.workerId, prepared.skip);
        return;
      }
      await this.sendWithin(prepared.message, SEND_TIMEOUT_MS);
    } catch (error) {
      await this.recordFailure(row, error);
      return;
    }
    await this.recordSent(row, prepared.message.messageId);
  }

  /**
   * The send succeeded: a failure from here on must not schedule a retry. If the database refuses
   * the mark, the lease runs out and the mail goes again (with the same Message-ID): the one
   * duplicate we cannot rule out, and only when the database fails at this very moment.
   */
  private async recordSent(row: ClaimedMail, messageId: string): Promise<void> {
    try {
      const ours = await this.outgoing.markSent(this.dataSource.manager, row.id, this.workerId, messageId);
      if (!ours) this.logger.warn(`Mail ${row.kind} ${row.id} was sent after its lease ended`);
    } catch (error) {
      this.logger.error(`Mail ${row.kind} ${row.id} was sent but not marked sent: ${describeFailure(error)}`);
    }
  }

  /** Schedules a retry with backoff, or gives up after the last attempt. Never throws. */
  private async recordFailure(row: ClaimedMail, error: unknown): Promise<void> {
    const failure = describeFailure(error);
    const decision = afterFailedAttempt(row.attempts);
    // A send that timed out may still be in flight: wait out the lease before trying again.
    const retry =
      !decision.giveUp && error instanceof SendTimeout
        ? { giveUp: false as const, delayMs: Math.max(decision.delayMs, LEASE_MS) }
        : decision;
    const what = `Mail ${row.kind} ${row.id} attempt ${row.attempts} failed: ${failure}`;
    if (retry.giveUp) this.logger.error(`${what}; giving up, it stays marked failed`);
    else this.logger.warn(`${what}; retrying in ${retry.delayMs / 1000} s`);
    try {
      await this.outgoing.markFailed(this.dataSource.manager, row.id, this.workerId, retry, failure);
    } catch (markError) {
      // The lease runs out and the row is claimed again.
      this.logger.error(`Mail ${row.id}: recording the failure failed: ${describeFailure(markError)}`);
    }
  }

  /** The message to send, or why this mail is not sent to this reader. */
  private async prepare(
    row: ClaimedMail,
    shared: SharedReads,
  ): Promise<{ message: OutgoingMessage } | { skip: string }> {
    const recipient = row.recipient;
    if (!recipient) return { skip: 'the account no longer exists' };
    if (recipient.restricted && !reachesRestrictedReader(row))
      return { skip: 'the account is suspended or banned' };
    const { restricted: _restricted, optedOut, ...reader } = recipient;
    if (optedOut) return { skip: `the reader turned off ${row.kind} mail` };
    if (
      this.config.mail.requireEmailVerification &&
      !reader.emailVerified &&
      !SENT_WHILE_UNVERIFIED.has(row.kind)
    )
      return { skip: 'the address is not verified' };
    const composed = await this.mail
      .composerFor(row.kind)!
      .compose(this.dataSource.manager, reader, row.data, shared);
    if ('skip' in composed) return { skip: composed.skip };
    return { message: this.messageOf(row, reader, composed) };
  }

  private messageOf(
    row: ClaimedMail,
    reader: Parameters<typeof buildOutgoingMessage>[0]['reader'],
    composed: ComposedMail,
  ) {
    const optional = OptionalMailKindSchema.safeParse(row.kind);
    const links = optional.success ? this.preferences.unsubscribeLinks(reader.userId, optional.data) : null;
    return buildOutgoingMessage({
      id: row.id,
      kind: row.kind,
      from: this.config.mail.from,
      reader,
      composed,
      unsubscribe:
        optional.success && links
          ? {
              kindLabel: MAIL_KIND_LABELS[optional.data],
              pageUrl: links.pageUrl,
              oneClickUrl: links.oneClickUrl,
              preferencesUrl: `${this.publicUrl.origin}/profile#email`,
            }
          : undefined,
    });
  }

  /**
   * Gives up on the send after `timeoutMs` and aborts it, which closes its SMTP connection: merely
   * ceasing to wait would let a slow server complete it after the retry began (a duplicate).
   */
  private async sendWithin(message: OutgoingMessage, timeoutMs: number): Promise<void> {
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new SendTimeout(`no answer within ${timeoutMs / 1000} s`);
        abort.abort(error);
        reject(error);
      }, timeoutMs);
    });
    try {
      await Promise.race([this.transport.send(message, abort.signal), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

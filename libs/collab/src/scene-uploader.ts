import { ROOM_LIMITS, SceneUpdateAckSchema, type SceneElement } from '@mockboard/contracts';
import { errorOf, isTemporary, mayLaterSucceed, type CollabErrorBody } from './collab-error';
import type { SceneOutbox } from './scene-outbox';

// One scene:update per 50 ms at most: 20 a second, half of the server's per-socket budget
// (ROOM_LIMITS.maxUpdatesPerSecond), which leaves room for notes and retries.
const FLUSH_INTERVAL_MS = Math.ceil(1000 / (ROOM_LIMITS.maxUpdatesPerSecond / 2));
const RATE_LIMITED_RETRY_MS = 250;
export const TEMPORARY_RETRY_MS = 1_000;
/**
 * Batches sent on one connection and not answered yet, at most. The server answers a batch once
 * it is stored, so on a server that keeps up (answers in tens of ms) this never binds at 20 batches
 * a second. On one that falls behind, edits wait in the outbox, where a later copy of an element
 * replaces an earlier one, instead of every step queueing in the connection behind strokes the
 * server cannot store yet: the next batch, sent as an answer comes, carries the board as it is
 * now, and the partner sees it one commit late rather than replaying a backlog (issue 18). Well
 * below the server's allowance per socket (64 waiting, 8 MB), so the server stops reading a web
 * client only when the whole server is behind (its allowance is then 4, 2 MB) or its batches are
 * large (a few long pen strokes). A batch unanswered after SCENE_ACK_TIMEOUT_MS (a minute) is sent
 * again and no longer counted here, though the server may still hold it: only past that can a
 * connection carry more than this.
 */
export const MAX_UNANSWERED_BATCHES = 8;

/** What the uploader needs of the client's connection. */
export interface UploadLink {
  /** Whether the session join holds, and whether the client was closed. */
  state(): { joined: boolean; closed: boolean };
  /** Bumped at every join attempt and disconnect, so late answers of an older connection are told apart. */
  connection(): number;
  /** Emits one scene:update; `ack` gets its answer, or an Error when none came in time. */
  send(batch: SceneElement[], ack: (timeout: Error | null, raw: unknown) => void): void;
  /** The number of pending edits may have changed. */
  changed(): void;
  /** The server refused a batch as it is; its copies were dropped. */
  refused(error: CollabErrorBody): void;
}

/**
 * Sends the outbox in batches, at most one every FLUSH_INTERVAL_MS, while the session is joined;
 * retries what did not get through and drops what the server refused as it is.
 */
export class SceneUploader {
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private lastFlushAt = -Infinity;
  private retryAt = 0;
  /** The batches sent on `connection` and not answered yet, oldest first (see MAX_UNANSWERED_BATCHES). */
  private unanswered = { connection: -1, batches: new Set<{ sentAt: number }>() };

  constructor(
    private readonly outbox: SceneOutbox,
    private readonly link: UploadLink,
  ) {}

  schedule(): void {
    const { joined, closed } = this.link.state();
    if (this.flushTimer || !joined || closed || !this.outbox.hasUnsent || this.mustWaitForAnswers()) return;
    const now = Date.now();
    // Always through a timer, so edits made in one burst of synchronous calls share one message.
    const delay = Math.max(0, this.lastFlushAt + FLUSH_INTERVAL_MS - now, this.retryAt - now);
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, delay);
  }

  /** The connection dropped or closed: the next join schedules again. */
  stop(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
  }

  /** Sends one batch of what is pending and not yet on its way on this connection. */
  private flush(): void {
    const { joined, closed } = this.link.state();
    if (!joined || closed) return;
    const batch = this.outbox.nextBatch();
    if (batch.length === 0) return;
    this.lastFlushAt = Date.now();
    const connection = this.link.connection();
    if (this.unanswered.connection !== connection) this.unanswered = { connection, batches: new Set() };
    const sent = { sentAt: this.lastFlushAt };
    this.unanswered.batches.add(sent);
    this.link.send(batch, (timeout, raw) => this.onAck(batch, connection, sent, timeout, raw));
    this.schedule();
  }

  /**
   * When the oldest batch still unanswered on the current connection was sent (epoch ms), or null
   * when none is: how long the server has been storing what this client sent.
   */
  oldestUnansweredAt(): number | null {
    const { connection, batches } = this.unanswered;
    if (connection !== this.link.connection()) return null;
    // A Set keeps the order of insertion: the first is the oldest.
    for (const { sentAt } of batches) return sentAt;
    return null;
  }

  /** Counted per connection: a dropped one's answers never come, and a new one starts from none. */
  private mustWaitForAnswers(): boolean {
    const { connection, batches } = this.unanswered;
    return connection === this.link.connection() && batches.size >= MAX_UNANSWERED_BATCHES;
  }

  private onAck(
    batch: SceneElement[],
    connection: number,
    sent: { sentAt: number },
    timeout: Error | null,
    raw: unknown,
  ): void {
    if (connection === this.unanswered.connection) this.unanswered.batches.delete(sent);
    if (!timeout && SceneUpdateAckSchema.safeParse(raw).success) {
      // Acked means committed. A copy edited again meanwhile stays pending with its newer copy.
      this.outbox.acknowledged(batch);
      this.link.changed();
      // Edits made while the answer was awaited go now.
      this.schedule();
      return;
    }
    // A failure from an earlier connection: the re-join already queued everything pending again.
    if (connection !== this.link.connection() || this.link.state().closed) return;
    const error = timeout ? null : errorOf(raw);
    if (!error || mayLaterSucceed(error)) {
      this.retryAt = Date.now() + (error && isTemporary(error) ? TEMPORARY_RETRY_MS : RATE_LIMITED_RETRY_MS);
      this.outbox.sendAgain(batch);
      this.schedule();
      return;
    }
    // Refused as it is (malformed, too large, not allowed): resending the same copies cannot help.
    this.outbox.drop(batch);
    this.link.refused({ ...error, message: `${error.message}. Your last change was not saved.` });
    this.link.changed();
    this.schedule();
  }
}

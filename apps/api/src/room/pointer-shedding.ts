import { Injectable } from '@nestjs/common';
import type { PointerUpdate } from '@mockboard/contracts';
import { LoopLateness } from '../realtime/loop-lateness';
import { TokenBucket } from '../realtime/token-bucket';

/** A sample of the event loop this late counts towards CPU being short. */
const LATE_MS = 20;
/**
 * This many late samples within about a second (LoopLateness.lateSamples) mean the process is short
 * of CPU (a saturated loop, busy neighbours, a CPU quota). One alone is a hiccup, such as a garbage
 * collection: on a quiet server at 50 rooms (bench/realtime), 2 of 211 samples ran more than 20 ms
 * late, and shedding for the 2 s each was remembered dropped 19 % of the cursors.
 */
const STRAINED_AT_LATE_SAMPLES = 3;
/** While busy, one socket's cursor is relayed at most this often: 5 Hz instead of the client's 20. */
export const BUSY_POINTER_INTERVAL_MS = 200;
/**
 * How many presses, releases and switches of tool a second one socket may send past a peer's
 * backed-up connection (where moves are dropped): a person clicks a few times a second at most,
 * while a client alternating its button on every cursor would fill that peer's buffer.
 */
export const KEPT_CHANGES = { perSecond: 8, burst: 8 } as const;

/** What of a cursor tells whether it changes more than where it is. */
export type CursorState = Pick<PointerUpdate, 'button'> & { pointer: Pick<PointerUpdate['pointer'], 'tool'> };

/** One sender's cursors: the last relayed, and the newest held back while the loop is strained. */
interface SenderCursors {
  lastAt: number;
  lastButton: CursorState['button'];
  lastTool: CursorState['pointer']['tool'];
  /** What is left of KEPT_CHANGES. */
  keptChanges: TokenBucket;
  /** The newest cursor not relayed yet: it goes out when the interval is up, unless replaced. */
  held: Relay | null;
  heldState: CursorState | null;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Sends one cursor. `keep` is set for a press, a release or a switch of tool (within
 * KEPT_CHANGES): news the partner must get, where a move may be dropped for a backed-up
 * connection (the next one supersedes it).
 */
export type Relay = (keep: boolean) => void;

/**
 * Cursors are the first thing shed when CPU is scarce (issue 18): they are ephemeral, the next one
 * supersedes the last, and relaying each costs as much as relaying a stroke. While the event loop
 * runs late again and again, each socket's cursor goes out at most every BUSY_POINTER_INTERVAL_MS,
 * so scene updates and the writer's round trips get the time. The cursors in between are replaced
 * by the newest, never queued, and the newest goes out when the interval is up: a partner who stops
 * moving is shown where they stopped, not where the last relayed cursor was. A press or release of
 * the button, or a switch to or from the laser, goes out at once, and past a backed-up connection
 * too (KEPT_CHANGES a second), so a partner's laser stroke ends when it ends. Scene updates are never
 * shed.
 */
@Injectable()
export class PointerShedding {
  private readonly senders = new WeakMap<object, SenderCursors>();

  constructor(private readonly lateness: LoopLateness) {}

  /**
   * Relays this cursor of `sender` with `send`, now or, while the loop is strained, once its
   * interval is up unless a newer cursor of `sender` comes first. A held `send` may run up to
   * BUSY_POINTER_INTERVAL_MS later: it must check the sender is still there.
   */
  relay(sender: object, cursor: CursorState, send: Relay, now = Date.now()): void {
    const last = this.senders.get(sender);
    const changes = !last || last.lastButton !== cursor.button || last.lastTool !== cursor.pointer.tool;
    if (
      changes ||
      now - last.lastAt >= BUSY_POINTER_INTERVAL_MS ||
      this.lateness.lateSamples(LATE_MS, now) < STRAINED_AT_LATE_SAMPLES
    ) {
      const kept = this.sent(sender, last, cursor, now).keptChanges;
      send(changes && kept.take(now));
      return;
    }
    last.held = send;
    last.heldState = cursor;
    last.timer ??= setTimeout(() => this.sendHeld(last), last.lastAt + BUSY_POINTER_INTERVAL_MS - now);
  }

  private sendHeld(last: SenderCursors): void {
    const { held, heldState } = last;
    last.timer = null;
    last.held = null;
    last.heldState = null;
    if (!held || !heldState) return;
    // Counted from when it was due, so a late timer does not push the next cursor back.
    last.lastAt += BUSY_POINTER_INTERVAL_MS;
    last.lastButton = heldState.button;
    last.lastTool = heldState.pointer.tool;
    held(false);
  }

  private sent(
    sender: object,
    last: SenderCursors | undefined,
    cursor: CursorState,
    now: number,
  ): SenderCursors {
    if (!last) {
      const first: SenderCursors = {
        lastAt: now,
        lastButton: cursor.button,
        lastTool: cursor.pointer.tool,
        keptChanges: new TokenBucket(KEPT_CHANGES.perSecond, KEPT_CHANGES.burst, now),
        held: null,
        heldState: null,
        timer: null,
      };
      this.senders.set(sender, first);
      return first;
    }
    // Whatever was held is older than this cursor.
    if (last.timer) clearTimeout(last.timer);
    last.timer = null;
    last.held = null;
    last.heldState = null;
    last.lastAt = now;
    last.lastButton = cursor.button;
    last.lastTool = cursor.pointer.tool;
    return last;
  }
}

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
/** While busy, one sender's cursor is relayed at most this often: 5 Hz instead of the client's 20. */
export const BUSY_POINTER_INTERVAL_MS = 200;
/**
 * How many presses, releases and switches of tool one sender may have relayed at once, and past a
 * peer's backed-up connection (where moves are dropped): a person clicks a few times a second at
 * most, while a client flipping its button on every cursor would skip the thinning and fill that
 * peer's buffer. Past this budget a change counts as a move.
 */
export const KEPT_CHANGES = { perSecond: 8, burst: 8 } as const;

/** What of a cursor tells whether it changes more than where it is. */
export type CursorState = Pick<PointerUpdate, 'button'> & { pointer: Pick<PointerUpdate['pointer'], 'tool'> };

/**
 * What to do with a cursor now:
 * - `keep`: relay it, and past a backed-up connection too (a press, a release, a switch of tool,
 *   or the sender's first cursor: news the partner must get);
 * - `send`: relay it as a move, which a backed-up connection may drop (the next one supersedes it);
 * - `hold`: not now; hand it to `hold`, which relays the newest held cursor when the interval is up.
 */
export type CursorVerdict = 'keep' | 'send' | 'hold';

/** One sender's cursors: the last relayed, and the newest held back while the loop is strained. */
interface SenderCursors {
  lastAt: number;
  lastButton: CursorState['button'];
  lastTool: CursorState['pointer']['tool'];
  /** What is left of KEPT_CHANGES. */
  keptChanges: TokenBucket;
  /** The newest cursor not relayed yet, and how: sent when the interval is up, unless a newer one goes first. */
  held: { cursor: CursorState; send: () => void } | null;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Cursors are the first thing shed when CPU is scarce (issue 18): they are ephemeral, the next one
 * supersedes the last, and relaying each costs as much as relaying a stroke. While the event loop
 * runs late again and again, each sender's cursor goes out at most every BUSY_POINTER_INTERVAL_MS,
 * so scene updates and the writer's round trips get the time. The cursors in between are replaced
 * by the newest, never queued, and the newest goes out when the interval is up: a partner who stops
 * moving is shown where they stopped, not where the last relayed cursor was. A press or release of
 * the button, or a switch to or from the laser, goes out at once, past a backed-up connection too
 * (within KEPT_CHANGES), so a partner's laser stroke ends when it ends. Scene updates are never shed.
 *
 * A sender is whatever the caller names one (the gateway: a socket's membership of a session, new
 * at each join); its state goes with it.
 */
@Injectable()
export class PointerShedding {
  private readonly senders = new WeakMap<object, SenderCursors>();

  constructor(private readonly lateness: LoopLateness) {}

  /**
   * Whether this cursor of `sender` is relayed now (and how), or held: then pass it to `hold`
   * before the next cursor of `sender`. Counts a cursor relayed now as `sender`'s last.
   */
  judge(sender: object, cursor: CursorState, now = Date.now()): CursorVerdict {
    const last = this.senders.get(sender);
    if (!last) {
      this.senders.set(sender, {
        lastAt: now,
        lastButton: cursor.button,
        lastTool: cursor.pointer.tool,
        keptChanges: new TokenBucket(KEPT_CHANGES.perSecond, KEPT_CHANGES.burst, now),
        held: null,
        timer: null,
      });
      return 'keep';
    }
    const changes = last.lastButton !== cursor.button || last.lastTool !== cursor.pointer.tool;
    const keep = changes && last.keptChanges.take(now);
    if (
      !keep &&
      withinInterval(last, now) &&
      this.lateness.lateSamples(LATE_MS, now) >= STRAINED_AT_LATE_SAMPLES
    )
      return 'hold';
    this.relayed(last, cursor, now);
    return keep ? 'keep' : 'send';
  }

  /**
   * Holds a cursor `judge` answered `hold` for: `send` relays it as a move once `sender`'s interval
   * is up, unless a newer cursor of `sender` is relayed or held first. A timer runs it, later still
   * if the loop is late: it must check the sender is still there.
   */
  hold(sender: object, cursor: CursorState, send: () => void): void {
    const last = this.senders.get(sender);
    if (!last) return;
    last.held = { cursor, send };
    const dueInMs = last.lastAt + BUSY_POINTER_INTERVAL_MS - Date.now();
    last.timer ??= setTimeout(
      () => this.sendHeld(last),
      Math.min(Math.max(0, dueInMs), BUSY_POINTER_INTERVAL_MS),
    );
  }

  private sendHeld(last: SenderCursors): void {
    const { held } = last;
    last.timer = null;
    if (!held) return;
    // From when it went, so the next one waits a whole interval even after a late timer.
    this.relayed(last, held.cursor, Date.now());
    held.send();
  }

  /** `cursor` goes now: whatever was held is older. */
  private relayed(last: SenderCursors, cursor: CursorState, now: number): void {
    if (last.timer) clearTimeout(last.timer);
    last.timer = null;
    last.held = null;
    last.lastAt = now;
    last.lastButton = cursor.button;
    last.lastTool = cursor.pointer.tool;
  }
}

/**
 * Whether the sender's last cursor went less than the interval ago. A clock stepped back puts the
 * last one in the future: counted as long ago, so the sender's cursors are not held until then.
 */
function withinInterval(last: SenderCursors, now: number): boolean {
  const sinceMs = now - last.lastAt;
  return sinceMs >= 0 && sinceMs < BUSY_POINTER_INTERVAL_MS;
}

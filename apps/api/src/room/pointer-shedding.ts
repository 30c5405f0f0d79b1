import { Injectable } from '@nestjs/common';
import { LoopLateness } from '../realtime/loop-lateness';

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
const BUSY_POINTER_INTERVAL_MS = 200;

/**
 * Cursors are the first thing shed when CPU is scarce (issue 18): they are ephemeral, the next one
 * supersedes the last, and relaying each costs as much as relaying a stroke. While the event loop
 * runs late again and again, each socket's cursor goes out at most every BUSY_POINTER_INTERVAL_MS
 * and the ones in between are dropped, never queued, so scene updates and the writer's round trips
 * get the time. Scene updates are never shed.
 */
@Injectable()
export class PointerShedding {
  private readonly lastRelayed = new WeakMap<object, number>();

  constructor(private readonly lateness: LoopLateness) {}

  /** Whether this cursor update of `sender` is relayed (false: dropped, a later one follows). */
  admits(sender: object, now = Date.now()): boolean {
    if (this.lateness.lateSamples(LATE_MS, now) < STRAINED_AT_LATE_SAMPLES) return true;
    const last = this.lastRelayed.get(sender);
    if (last !== undefined && now - last < BUSY_POINTER_INTERVAL_MS) return false;
    this.lastRelayed.set(sender, now);
    return true;
  }
}

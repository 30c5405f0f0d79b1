import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { withinLast } from './clock-span';

/** How often the event loop's lateness is sampled. */
const SAMPLE_MS = 100;
/** A late sample counts for this long, so what the loop read in a bunch is judged by it. */
export const LATENESS_REMEMBERED_MS = 2_000;
/** How many of the latest samples (about a second's) `lateSamples` looks at. */
export const RECENT_SAMPLES = 10;

/**
 * How late this process's event loop runs, in ms: a timer due every SAMPLE_MS measures how long
 * after its time it ran. While the loop is late (short of CPU: a saturated loop, busy neighbours,
 * a paused process), sockets are read late too, so what a client sent over that time arrives at
 * once: the rate limits and the cursor shedding read this to tell a bunch from a burst.
 */
@Injectable()
export class LoopLateness implements OnModuleInit, OnModuleDestroy {
  private lastSampleAt = Date.now();
  private peakMs = 0;
  private peakAt = 0;
  /** The lateness of the latest RECENT_SAMPLES samples, oldest first. */
  private readonly recent: number[] = [];
  private sampler: ReturnType<typeof setInterval> | undefined;

  onModuleInit(): void {
    this.lastSampleAt = Date.now();
    this.sampler = setInterval(() => this.sampled(Date.now()), SAMPLE_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sampler);
  }

  /** The sampler ran at `now`: it was due SAMPLE_MS after the last run. */
  sampled(now: number): void {
    const lateMs = this.overdueMs(now);
    this.lastSampleAt = now;
    this.recent.push(lateMs);
    if (this.recent.length > RECENT_SAMPLES) this.recent.shift();
    if (lateMs >= this.peakMs || !withinLast(LATENESS_REMEMBERED_MS, this.peakAt, now)) {
      this.peakMs = lateMs;
      this.peakAt = now;
    }
  }

  /**
   * The loop's lateness as of `now`: the largest sample of about the last LATENESS_REMEMBERED_MS,
   * or how overdue the sampler is right now, whichever is more. The second counts when the loop
   * wakes from a stall: it reads the sockets before it runs the timers, so no sample has seen the
   * stall yet.
   */
  lateMs(now = Date.now()): number {
    const remembered = withinLast(LATENESS_REMEMBERED_MS, this.peakAt, now) ? this.peakMs : 0;
    return Math.max(remembered, this.overdueMs(now));
  }

  /**
   * How many of the latest RECENT_SAMPLES samples ran more than `overMs` late, counting the sampler
   * as one more when it is that overdue right now (a stall no sample has seen yet). One late sample
   * may be a hiccup (a garbage collection); several in a second mean the process is short of CPU.
   */
  lateSamples(overMs: number, now = Date.now()): number {
    // Read for every cursor a room relays: a plain count, no array built.
    let late = this.overdueMs(now) > overMs ? 1 : 0;
    for (const lateMs of this.recent) if (lateMs > overMs) late++;
    return late;
  }

  private overdueMs(now: number): number {
    return Math.max(0, now - this.lastSampleAt - SAMPLE_MS);
  }
}

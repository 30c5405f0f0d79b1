import { Injectable, type OnModuleDestroy } from '@nestjs/common';

/** How often the event loop's lateness is sampled. */
const SAMPLE_MS = 100;
/** A sample this late means the process is short of CPU (a saturated loop, or busy neighbours). */
const LATE_MS = 20;
/** Busy lasts this long after a late sample, so the relay does not flap between the two modes. */
const BUSY_FOR_MS = 1_000;
/** While busy, one socket's cursor is relayed at most this often: 5 Hz instead of the client's 20. */
const BUSY_POINTER_INTERVAL_MS = 200;

/**
 * Cursors are the first thing shed when CPU is scarce (issue 18): they are ephemeral, the next one
 * supersedes the last, and relaying each costs as much as relaying a stroke. While the event loop
 * runs late, each socket's cursor goes out at most every BUSY_POINTER_INTERVAL_MS and the ones in
 * between are dropped, never queued, so scene updates and the writer's round trips get the time.
 * Scene updates are never shed.
 */
@Injectable()
export class PointerShedding implements OnModuleDestroy {
  private busyUntil = 0;
  private sampler: ReturnType<typeof setInterval> | undefined;
  private readonly lastRelayed = new WeakMap<object, number>();

  start(): void {
    let expected = Date.now() + SAMPLE_MS;
    this.sampler = setInterval(() => {
      const now = Date.now();
      this.sampled(now - expected, now);
      expected = now + SAMPLE_MS;
    }, SAMPLE_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sampler);
  }

  /** One sample of the loop's lateness, in ms. */
  sampled(lateMs: number, now: number): void {
    if (lateMs > LATE_MS) this.busyUntil = now + BUSY_FOR_MS;
  }

  /** Whether this cursor update of `sender` is relayed (false: dropped, a later one follows). */
  admits(sender: object, now = Date.now()): boolean {
    if (now >= this.busyUntil) return true;
    const last = this.lastRelayed.get(sender);
    if (last !== undefined && now - last < BUSY_POINTER_INTERVAL_MS) return false;
    this.lastRelayed.set(sender, now);
    return true;
  }
}

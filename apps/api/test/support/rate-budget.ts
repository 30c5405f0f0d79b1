import { LoopLateness } from '../../src/realtime/loop-lateness';
import { creditForLateness } from '../../src/realtime/socket-rate-limiter';
import { bucketCapacity } from '../../src/realtime/token-bucket';
import type { TestApp } from './test-app';

/** How often the watch asks how late the loop runs: well within what LoopLateness remembers (2 s). */
const WATCH_EVERY_MS = 50;

/** What a flood's bucket could let through, read after the flood (`watchRateBudget`). */
export interface RateBudgetWatch {
  /** The most a bucket of `limit` let through at once during the watch; ends the watch. */
  mostAtOnce(limit: { perSecond: number; burst: number }): number;
}

/**
 * Watches how late `server`'s event loop runs while a flood is sent and read. SocketRateLimiter
 * credits every bucket with what its rate refills over that lateness, and with 10 s of it or more
 * once the loop runs a second late: on a loaded machine (CI's, two Jest workers beside Chromium)
 * reading a flood can hold the loop that long, and the flood's bucket then lets through more than
 * its burst. Start the watch before the flood; a flood read on a quiet loop gets exactly its burst.
 */
export function watchRateBudget(server: TestApp): RateBudgetWatch {
  const lateness = server.app.get(LoopLateness);
  let peakMs = lateness.lateMs();
  const watch = setInterval(() => (peakMs = Math.max(peakMs, lateness.lateMs())), WATCH_EVERY_MS);
  return {
    mostAtOnce(limit) {
      clearInterval(watch);
      peakMs = Math.max(peakMs, lateness.lateMs());
      return bucketCapacity(limit.perSecond, limit.burst, creditForLateness(peakMs));
    },
  };
}

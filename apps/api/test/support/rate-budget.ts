import { LoopLateness } from '../../src/realtime/loop-lateness';
import { creditForLateness } from '../../src/realtime/socket-rate-limiter';
import { bucketCapacity } from '../../src/realtime/token-bucket';
import type { TestApp } from './test-app';

/**
 * The most a bucket of `limit` let through at once on `server` lately. SocketRateLimiter credits
 * every bucket with what its rate refills over the event loop's lateness, and with 10 s of it once
 * the loop runs a second late: on a loaded machine (CI's, two Jest workers beside Chromium) a
 * flood's own reading can hold the loop that long. Read right after the flood, while LoopLateness
 * still remembers how late the loop ran during it.
 */
export function mostLetThrough(server: TestApp, limit: { perSecond: number; burst: number }): number {
  const lateMs = server.app.get(LoopLateness).lateMs();
  return bucketCapacity(limit.perSecond, limit.burst, creditForLateness(lateMs));
}

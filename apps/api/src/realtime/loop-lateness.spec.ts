import { LoopLateness, RECENT_SAMPLES } from './loop-lateness';

describe('LoopLateness', () => {
  const start = 1_000_000;
  /** A sampler that ran on time at `at` (times here are far before Date.now()). */
  const aLoopSampledAt = (at: number): LoopLateness => {
    const lateness = new LoopLateness();
    lateness.sampled(at);
    return lateness;
  };

  it('is zero while the sampler runs on time', () => {
    const lateness = aLoopSampledAt(start);
    for (let now = start + 100; now <= start + 1_000; now += 100) lateness.sampled(now);
    expect(lateness.lateMs(start + 1_050)).toBe(0);
  });

  it('remembers a late sample for two seconds, then forgets it once samples are on time again', () => {
    const lateness = aLoopSampledAt(start);
    lateness.sampled(start + 100 + 600);
    for (let now = start + 800; now <= start + 2_700; now += 100) lateness.sampled(now);
    expect(lateness.lateMs(start + 2_700)).toBe(600);
    lateness.sampled(start + 2_800);
    expect(lateness.lateMs(start + 2_800)).toBe(0);
  });

  it('forgets a late sample once the clock steps back, not an hour later', () => {
    const lateness = aLoopSampledAt(start);
    lateness.sampled(start + 100 + 600);
    expect(lateness.lateMs(start + 700)).toBe(600);
    const back = start + 700 - 3_600_000;
    expect(lateness.lateMs(back)).toBe(0);
    lateness.sampled(back + 100);
    expect(lateness.lateMs(back + 100)).toBe(0);
    // A late sample after the step counts, though smaller than the peak before it.
    lateness.sampled(back + 100 + 100 + 300);
    expect(lateness.lateMs(back + 500)).toBe(300);
  });

  it('counts a stall the sampler has not run since, as the loop reads sockets before timers on waking', () => {
    const lateness = aLoopSampledAt(start);
    lateness.sampled(start + 100);
    expect(lateness.lateMs(start + 100 + 100 + 5_000)).toBe(5_000);
  });

  it('counts the late samples among the latest ten, and a stall in progress as one more', () => {
    const lateness = aLoopSampledAt(start);
    let now = start;
    const sample = (lateMs: number) => lateness.sampled((now += 100 + lateMs));
    [30, 0, 25, 0, 15, 0].forEach(sample);
    expect(lateness.lateSamples(20, now)).toBe(2);
    expect(lateness.lateSamples(10, now)).toBe(3);
    // Overdue by 50 ms right now: the stall counts before the sampler has run.
    expect(lateness.lateSamples(20, now + 100 + 50)).toBe(3);
    // Once RECENT_SAMPLES samples on time have followed, the late ones no longer count.
    for (let index = 0; index < RECENT_SAMPLES; index++) sample(0);
    expect(lateness.lateSamples(20, now)).toBe(0);
  });
});

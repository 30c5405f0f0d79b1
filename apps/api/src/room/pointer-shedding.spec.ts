import { LoopLateness } from '../realtime/loop-lateness';
import { PointerShedding } from './pointer-shedding';

describe('PointerShedding', () => {
  const cursorsAt20Hz = (shedding: PointerShedding, sender: object, from: number, count: number) =>
    Array.from({ length: count }, (_, index) => shedding.admits(sender, from + index * 50));

  /** A loop whose sampler ran at `at`, `lateMs` after its time. */
  const loopLate = (lateMs: number, at: number): LoopLateness => {
    const lateness = new LoopLateness();
    lateness.sampled(at - 100 - lateMs);
    lateness.sampled(at);
    return lateness;
  };
  /** The sampler keeps running on time after `at`. */
  const onTimeAfter = (lateness: LoopLateness, at: number, until: number): void => {
    for (let now = at + 100; now <= until; now += 100) lateness.sampled(now);
  };

  it('relays every cursor while the event loop is on time', () => {
    const lateness = loopLate(2, 1_000);
    onTimeAfter(lateness, 1_000, 2_000);
    expect(cursorsAt20Hz(new PointerShedding(lateness), {}, 1_000, 20).every(Boolean)).toBe(true);
  });

  it('thins each sender to one cursor per 200 ms while the loop runs late, then relays all again', () => {
    const lateness = loopLate(80, 1_000);
    const shedding = new PointerShedding(lateness);
    const [alice, bob] = [{}, {}];
    const relayed = cursorsAt20Hz(shedding, alice, 1_000, 20);
    expect(relayed.filter(Boolean)).toHaveLength(5);
    expect(relayed.slice(0, 4)).toEqual([true, false, false, false]);
    // Senders are thinned on their own: another's cursor still goes out.
    expect(shedding.admits(bob, 1_050)).toBe(true);
    // Once the late sample is forgotten (on-time samples since) the loop counts as on time again.
    onTimeAfter(lateness, 1_000, 3_100);
    expect(cursorsAt20Hz(shedding, alice, 3_100, 4).every(Boolean)).toBe(true);
  });
});

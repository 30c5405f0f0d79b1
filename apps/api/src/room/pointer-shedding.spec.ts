import { LoopLateness } from '../realtime/loop-lateness';
import { PointerShedding } from './pointer-shedding';

describe('PointerShedding', () => {
  const cursorsAt20Hz = (shedding: PointerShedding, sender: object, from: number, count: number) =>
    Array.from({ length: count }, (_, index) => shedding.admits(sender, from + index * 50));

  /** A loop whose sampler ran at 100 ms intervals until `at`, each sample the given ms late. */
  const loopSampled = (lates: number[], at: number): LoopLateness => {
    const lateness = new LoopLateness();
    let now = at - lates.reduce((sum, lateMs) => sum + 100 + lateMs, 0);
    lateness.sampled(now);
    for (const lateMs of lates) lateness.sampled((now += 100 + lateMs));
    return lateness;
  };
  /** The sampler keeps running on time after `at`. */
  const onTimeAfter = (lateness: LoopLateness, at: number, until: number): void => {
    for (let now = at + 100; now <= until; now += 100) lateness.sampled(now);
  };

  it('relays every cursor while the event loop is on time', () => {
    const lateness = loopSampled([2, 0, 3], 1_000);
    onTimeAfter(lateness, 1_000, 2_000);
    expect(cursorsAt20Hz(new PointerShedding(lateness), {}, 1_000, 20).every(Boolean)).toBe(true);
  });

  it('relays every cursor through one late sample, a hiccup such as a garbage collection', () => {
    const lateness = loopSampled([0, 0, 80, 0], 1_000);
    expect(cursorsAt20Hz(new PointerShedding(lateness), {}, 1_000, 20).every(Boolean)).toBe(true);
  });

  it('thins each sender to one cursor per 200 ms while the loop runs late again and again, then relays all again', () => {
    const lateness = loopSampled([40, 0, 80, 0, 30], 1_000);
    const shedding = new PointerShedding(lateness);
    const [alice, bob] = [{}, {}];
    const relayed = cursorsAt20Hz(shedding, alice, 1_000, 20);
    expect(relayed.filter(Boolean)).toHaveLength(5);
    expect(relayed.slice(0, 4)).toEqual([true, false, false, false]);
    // Senders are thinned on their own: another's cursor still goes out.
    expect(shedding.admits(bob, 1_050)).toBe(true);
    // Once a second of samples on time has followed, the loop counts as on time again.
    onTimeAfter(lateness, 1_000, 2_100);
    expect(cursorsAt20Hz(shedding, alice, 2_100, 4).every(Boolean)).toBe(true);
  });
});

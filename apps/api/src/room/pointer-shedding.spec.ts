import { PointerShedding } from './pointer-shedding';

describe('PointerShedding', () => {
  const cursorsAt20Hz = (shedding: PointerShedding, sender: object, from: number, count: number) =>
    Array.from({ length: count }, (_, index) => shedding.admits(sender, from + index * 50));

  it('relays every cursor while the event loop is on time', () => {
    const shedding = new PointerShedding();
    shedding.sampled(2, 1_000);
    expect(cursorsAt20Hz(shedding, {}, 1_000, 20).every(Boolean)).toBe(true);
  });

  it('thins each sender to one cursor per 200 ms while the loop runs late, then relays all again', () => {
    const shedding = new PointerShedding();
    const [alice, bob] = [{}, {}];
    shedding.sampled(80, 1_000);
    const relayed = cursorsAt20Hz(shedding, alice, 1_000, 20);
    expect(relayed.filter(Boolean)).toHaveLength(5);
    expect(relayed.slice(0, 4)).toEqual([true, false, false, false]);
    // Senders are thinned on their own: another's cursor still goes out.
    expect(shedding.admits(bob, 1_050)).toBe(true);
    // A second after the last late sample the loop counts as on time again.
    expect(cursorsAt20Hz(shedding, alice, 2_000, 4).every(Boolean)).toBe(true);
  });
});

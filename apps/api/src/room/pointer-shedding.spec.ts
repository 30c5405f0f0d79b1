import { LoopLateness } from '../realtime/loop-lateness';
import {
  BUSY_POINTER_INTERVAL_MS,
  KEPT_CHANGES,
  PointerShedding,
  type CursorState,
} from './pointer-shedding';

describe('PointerShedding', () => {
  const START = 1_000;
  const moving: CursorState = { button: 'up', pointer: { tool: 'pointer' } };

  beforeEach(() => jest.useFakeTimers({ now: START }));
  afterEach(() => jest.useRealTimers());

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
  const STRAINED = [40, 0, 80, 0, 30];
  /** A client flipping its laser's button on every cursor. */
  const flipped = (index: number): CursorState => ({
    button: index % 2 === 0 ? 'down' : 'up',
    pointer: { tool: 'laser' },
  });

  /** What the gateway does with a cursor: judged, then relayed now (kept or not) or held. */
  const offer = (
    shedding: PointerShedding,
    sender: object,
    cursor: CursorState,
    send: (keep: boolean) => void,
    now = Date.now(),
  ): void => {
    const verdict = shedding.judge(sender, cursor, now);
    if (verdict === 'hold') shedding.hold(sender, cursor, () => send(false));
    else send(verdict === 'keep');
  };

  /** Relays `count` cursors of `sender` at 20 Hz from now on; `relayed` gets their numbers as they go out. */
  const cursorsAt20Hz = (
    shedding: PointerShedding,
    sender: object,
    count: number,
    relayed: number[],
    state: (index: number) => CursorState = () => moving,
    changes: number[] = [],
  ): void => {
    for (let index = 0; index < count; index++) {
      if (index > 0) jest.advanceTimersByTime(50);
      const send = (changed: boolean) => {
        relayed.push(index);
        if (changed) changes.push(index);
      };
      offer(shedding, sender, state(index), send);
    }
  };

  it('relays every cursor at once while the event loop is on time, a press or release as a change', () => {
    const lateness = loopSampled([2, 0, 3], START);
    onTimeAfter(lateness, START, START + 1_000);
    const relayed: number[] = [];
    const changes: number[] = [];
    const pressedFrom5To9 = (index: number): CursorState => ({
      button: index >= 5 && index < 10 ? 'down' : 'up',
      pointer: { tool: 'laser' },
    });
    cursorsAt20Hz(new PointerShedding(lateness), {}, 20, relayed, pressedFrom5To9, changes);
    expect(relayed).toEqual(Array.from({ length: 20 }, (_, index) => index));
    // The first cursor of a sender is news too: nothing was known of it.
    expect(changes).toEqual([0, 5, 10]);
  });

  it('relays every cursor at once through one late sample, a hiccup such as a garbage collection', () => {
    const relayed: number[] = [];
    cursorsAt20Hz(new PointerShedding(loopSampled([0, 0, 80, 0], START)), {}, 20, relayed);
    expect(relayed).toHaveLength(20);
  });

  it('thins each sender to one cursor per 200 ms while the loop runs late again and again, the newest one each time', () => {
    const shedding = new PointerShedding(loopSampled(STRAINED, START));
    const relayed: number[] = [];
    cursorsAt20Hz(shedding, {}, 20, relayed);
    // The first at once; then, every 200 ms, the newest of the ones in between.
    expect(relayed).toEqual([0, 3, 7, 11, 15]);
    // The person stopped at the 20th: it goes out when its interval is up, so the partner sees
    // where the cursor rests, not where the last relayed one was.
    jest.advanceTimersByTime(BUSY_POINTER_INTERVAL_MS);
    expect(relayed).toEqual([0, 3, 7, 11, 15, 19]);
    jest.advanceTimersByTime(10 * BUSY_POINTER_INTERVAL_MS);
    expect(relayed).toHaveLength(6);
  });

  it('relays a press, a release or a switch of tool at once however busy the loop is', () => {
    const shedding = new PointerShedding(loopSampled(STRAINED, START));
    const relayed: number[] = [];
    // Told apart from moves, so that they go out even to a backed-up connection (the gateway).
    const changes: number[] = [];
    // A laser stroke: moving, pressed for three cursors, released, then back to the pointer.
    const states: CursorState[] = [
      moving,
      { button: 'up', pointer: { tool: 'laser' } },
      { button: 'down', pointer: { tool: 'laser' } },
      { button: 'down', pointer: { tool: 'laser' } },
      { button: 'down', pointer: { tool: 'laser' } },
      { button: 'up', pointer: { tool: 'laser' } },
      moving,
    ];
    cursorsAt20Hz(shedding, {}, states.length, relayed, (index) => states[index]!, changes);
    // The two moves with the button held are thinned; the release is not, and goes with its place.
    expect(relayed).toEqual([0, 1, 2, 5, 6]);
    expect(changes).toEqual([0, 1, 2, 5, 6]);
    jest.advanceTimersByTime(10 * BUSY_POINTER_INTERVAL_MS);
    expect(relayed).toEqual([0, 1, 2, 5, 6]);
  });

  it('drops a held cursor once the loop is on time again and a newer one goes at once', () => {
    const lateness = loopSampled(STRAINED, START);
    const shedding = new PointerShedding(lateness);
    const [ada, ben] = [{}, {}];
    const relayed: string[] = [];
    offer(shedding, ada, moving, () => relayed.push('ada 1'), Date.now());
    offer(shedding, ada, moving, () => relayed.push('ada 2'), Date.now());
    // Senders are thinned on their own: another's cursor still goes out at once.
    offer(shedding, ben, moving, () => relayed.push('ben 1'), Date.now());
    expect(relayed).toEqual(['ada 1', 'ben 1']);

    // Ten samples on time push the late ones out: the loop counts as on time, and Ada's next
    // cursor goes at once, within her 200 ms, in place of the one held.
    for (let sample = 1; sample <= 10; sample++) lateness.sampled(START + sample);
    jest.advanceTimersByTime(20);
    offer(shedding, ada, moving, () => relayed.push('ada 3'), Date.now());
    jest.advanceTimersByTime(10 * BUSY_POINTER_INTERVAL_MS);
    expect(relayed).toEqual(['ada 1', 'ben 1', 'ada 3']);
  });

  it('keeps a few presses and releases a second past a backed-up connection, not a button flipped on every cursor', () => {
    const lateness = loopSampled([0, 0, 0], START);
    onTimeAfter(lateness, START, START + 3_000);
    const shedding = new PointerShedding(lateness);
    const relayed: number[] = [];
    const kept: number[] = [];
    // Two seconds of a client flipping its button at 20 Hz: every cursor is relayed, and the
    // budget's burst plus its rate are kept; the others go as moves.
    cursorsAt20Hz(shedding, {}, 40, relayed, flipped, kept);
    expect(relayed).toHaveLength(40);
    expect(kept.length).toBeGreaterThanOrEqual(KEPT_CHANGES.burst + KEPT_CHANGES.perSecond);
    expect(kept.length).toBeLessThanOrEqual(KEPT_CHANGES.burst + 2 * KEPT_CHANGES.perSecond);
  });

  it('thins a button flipped on every cursor once its few kept changes a second are spent', () => {
    const shedding = new PointerShedding(loopSampled(STRAINED, START));
    const relayed: number[] = [];
    const kept: number[] = [];
    cursorsAt20Hz(shedding, {}, 40, relayed, flipped, kept);
    jest.advanceTimersByTime(BUSY_POINTER_INTERVAL_MS);
    expect(kept.length).toBeLessThanOrEqual(KEPT_CHANGES.burst + 2 * KEPT_CHANGES.perSecond);
    // The rest count as moves: one every 200 ms at most, the newest each time.
    expect(relayed.length - kept.length).toBeLessThanOrEqual(2_000 / BUSY_POINTER_INTERVAL_MS + 1);
    expect(relayed.length).toBeLessThan(40);
    expect(relayed.at(-1)).toBe(39);
  });

  it('holds no cursor until a time a clock stepped back put in the future', () => {
    const shedding = new PointerShedding(loopSampled(STRAINED, START));
    const relayed: string[] = [];
    const sender = {};
    offer(shedding, sender, moving, () => relayed.push('first'), START);
    // The clock went back a minute: the last cursor seems to have gone in a minute's time.
    jest.setSystemTime(START - 60_000);
    offer(shedding, sender, moving, () => relayed.push('after the step'), Date.now());
    expect(relayed).toEqual(['first', 'after the step']);
  });
});

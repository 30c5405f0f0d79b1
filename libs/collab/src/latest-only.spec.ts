import { LatestOnly } from './latest-only';

describe('LatestOnly', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends the first value at once and only the latest of those pushed during the interval', () => {
    const sent: number[] = [];
    const latest = new LatestOnly<number>(50, (value) => sent.push(value));
    latest.push(1);
    latest.push(2);
    latest.push(3);
    expect(sent).toEqual([1]);
    jest.advanceTimersByTime(50);
    expect(sent).toEqual([1, 3]);
  });

  it('sends nothing that was waiting once cancelled', () => {
    const sent: number[] = [];
    const latest = new LatestOnly<number>(50, (value) => sent.push(value));
    latest.push(1);
    latest.push(2);
    latest.cancel();
    jest.advanceTimersByTime(100);
    expect(sent).toEqual([1]);
  });

  it('sends what is waiting at once when asked, and counts the interval again from then', () => {
    const sent: number[] = [];
    const latest = new LatestOnly<number>(50, (value) => sent.push(value));
    latest.push(1);
    jest.advanceTimersByTime(10);
    latest.push(2);
    expect(latest.waiting).toBe(2);
    latest.sendWaitingNow();
    expect(latest.waiting).toBeUndefined();
    latest.push(3);
    expect(sent).toEqual([1, 2]);
    jest.advanceTimersByTime(49);
    expect(sent).toEqual([1, 2]);
    jest.advanceTimersByTime(1);
    expect(sent).toEqual([1, 2, 3]);
  });
});

import type { ScoreLevel } from '@mockboard/contracts';
import {
  averageOf,
  dimensionProgress,
  isoWeekNumber,
  strongestAndWeakest,
  weekStreak,
  type ScoredRound,
} from './progress';

const rubric = {
  dimensions: [
    { id: 'requirements', title: 'Requirements' },
    { id: 'estimation', title: 'Estimation' },
    { id: 'communication', title: 'Communication' },
  ],
} as unknown as Parameters<typeof dimensionProgress>[0];

function aCard(at: string, levels: Record<string, ScoreLevel | null>, round = 1): ScoredRound {
  return { sessionId: `session-${at}`, round, at: new Date(at), levels };
}

describe('averageOf', () => {
  it('rounds the mean to two decimals and is null for nothing', () => {
    expect(averageOf([3, 3, 4])).toBe(3.33);
    expect(averageOf([2, 3])).toBe(2.5);
    expect(averageOf([])).toBeNull();
  });
});

describe('dimensionProgress', () => {
  it('orders each trend by time, whatever order the scorecards came in', () => {
    const [requirements] = dimensionProgress(
      rubric,
      [
        aCard('2026-11-10T10:00:00Z', { requirements: 3 }),
        aCard('2026-11-01T10:00:00Z', { requirements: 1 }),
        aCard('2026-11-05T10:00:00Z', { requirements: 2 }),
      ],
      [],
    );
    expect(requirements!.points.map((point) => [point.at.slice(0, 10), point.level])).toEqual([
      ['2026-11-01', 1],
      ['2026-11-05', 2],
      ['2026-11-10', 3],
    ]);
  });

  it('leaves unscored levels out of the trend and the averages', () => {
    const [, estimation] = dimensionProgress(
      rubric,
      [aCard('2026-11-01T10:00:00Z', { estimation: null }), aCard('2026-11-02T10:00:00Z', { estimation: 2 })],
      [],
    );
    expect(estimation!.points).toHaveLength(1);
    expect(estimation!.partnerAverage).toBe(2);
    expect(estimation!.selfAverage).toBeNull();
    expect(estimation!.calibrationGap).toBeNull();
  });

  it('gives the calibration gap as self minus partner', () => {
    const [requirements, , communication] = dimensionProgress(
      rubric,
      [
        aCard('2026-11-01T10:00:00Z', { requirements: 2, communication: 4 }),
        aCard('2026-11-02T10:00:00Z', { requirements: 3, communication: 4 }),
      ],
      [aCard('2026-11-01T10:00:00Z', { requirements: 4, communication: 3 })],
    );
    expect(requirements).toMatchObject({ partnerAverage: 2.5, selfAverage: 4, calibrationGap: 1.5 });
    expect(communication).toMatchObject({ partnerAverage: 4, selfAverage: 3, calibrationGap: -1 });
  });
});

describe('strongestAndWeakest', () => {
  /** Dimensions in rubric order (A first), each with its partner average and how many rounds scored it. */
  const dims = (averages: Record<string, number | null | [average: number, rounds: number]>) =>
    Object.entries(averages).map(([title, value]) => {
      const [partnerAverage, rounds] = Array.isArray(value) ? value : [value, value === null ? 0 : 1];
      return {
        dimensionId: title.toLowerCase(),
        partnerAverage,
        points: Array.from({ length: rounds }, (_, round) => ({
          sessionId: 'a1a1a1a1-0000-4000-8000-000000000000',
          round: round + 1,
          at: '2026-11-01T10:00:00.000Z',
          level: partnerAverage ?? 0,
        })),
      };
    });

  it('picks the two highest and the two lowest partner averages', () => {
    expect(strongestAndWeakest(dims({ A: 1, B: 4, C: 2, D: 3.5, E: 3 }))).toEqual({
      strongest: ['b', 'd'],
      weakest: ['a', 'c'],
    });
  });

  it('settles equal averages by rubric order, whatever the titles', () => {
    expect(strongestAndWeakest(dims({ Zeta: 3, Alpha: 3, Mid: 3, Beta: 3 }))).toEqual({
      strongest: ['zeta', 'alpha'],
      weakest: ['mid', 'beta'],
    });
  });

  it('settles equal averages first by more rounds scored, on both sides', () => {
    expect(
      strongestAndWeakest(dims({ A: [4, 1], B: [4, 3], C: [4, 2], D: [1, 1], E: [1, 2], F: [1, 2] })),
    ).toEqual({ strongest: ['b', 'c'], weakest: ['e', 'f'] });
  });

  it('ignores unscored dimensions and never names one dimension both strongest and weakest', () => {
    expect(strongestAndWeakest(dims({ A: 2, B: null, C: 3 }))).toEqual({ strongest: ['c'], weakest: ['a'] });
    expect(strongestAndWeakest(dims({ A: 2, B: null }))).toEqual({ strongest: [], weakest: [] });
  });
});

describe('weekStreak', () => {
  const now = new Date('2026-11-25T12:00:00Z'); // a Wednesday

  it('counts consecutive weeks back from this one', () => {
    const completed = ['2026-11-24T10:00:00Z', '2026-11-17T10:00:00Z', '2026-11-09T10:00:00Z'].map(
      (d) => new Date(d),
    );
    expect(weekStreak(completed, now, 'UTC')).toBe(3);
  });

  it('stops at the first week without a completed session', () => {
    const completed = ['2026-11-24T10:00:00Z', '2026-11-03T10:00:00Z'].map((d) => new Date(d));
    expect(weekStreak(completed, now, 'UTC')).toBe(1);
  });

  it('keeps a streak alive during a week that has no session yet', () => {
    const completed = ['2026-11-18T10:00:00Z', '2026-11-11T10:00:00Z'].map((d) => new Date(d));
    expect(weekStreak(completed, now, 'UTC')).toBe(2);
    expect(weekStreak([new Date('2026-11-11T10:00:00Z')], now, 'UTC')).toBe(0);
  });

  it('is zero without sessions and counts several sessions in one week once', () => {
    expect(weekStreak([], now, 'UTC')).toBe(0);
    const sameWeek = ['2026-11-23T10:00:00Z', '2026-11-25T10:00:00Z'].map((d) => new Date(d));
    expect(weekStreak(sameWeek, now, 'UTC')).toBe(1);
  });

  it('runs across the new year, where ISO week numbers restart', () => {
    const newYear = new Date('2027-01-06T12:00:00Z');
    const completed = ['2027-01-05T10:00:00Z', '2026-12-29T10:00:00Z', '2026-12-22T10:00:00Z'].map(
      (d) => new Date(d),
    );
    expect(weekStreak(completed, newYear, 'UTC')).toBe(3);
  });

  it("places sessions in the user's own week", () => {
    // Sunday 23:30 in UTC is already Monday in Berlin, i.e. in the next week.
    const sundayNight = new Date('2026-11-22T23:30:00Z');
    expect(isoWeekNumber(sundayNight, 'Europe/Berlin')).toBe(isoWeekNumber(sundayNight, 'UTC') + 1);
  });
});

import type { RubricDimension, ScoreLevel } from '@mockboard/contracts';
import { weightedScore } from './weighted-score';

function aDimension(id: string, weight: number): RubricDimension {
  const expectation = (level: ScoreLevel) => ({ level, note: 'as expected' });
  return {
    id,
    title: id,
    weight,
    description: `How the candidate does on ${id}.`,
    anchors: { 1: 'foundational here', 2: 'developing here', 3: 'solid here', 4: 'exceptional here' },
    expectations: {
      junior: expectation(1),
      mid: expectation(2),
      senior: expectation(3),
      staff: expectation(4),
    },
  };
}

/** A rubric with the given weights by dimension id; only `dimensions` matters to the score. */
function aRubric(weights: Record<string, number>): { dimensions: RubricDimension[] } {
  return { dimensions: Object.entries(weights).map(([id, weight]) => aDimension(id, weight)) };
}

/** The weights of the shipped rubric. */
const shippedWeights = {
  requirements: 15,
  estimation: 10,
  'api-and-data-model': 15,
  'high-level-design': 20,
  'deep-dive': 20,
  tradeoffs: 10,
  communication: 10,
};

describe('weightedScore', () => {
  it('weighs every scored dimension by its weight', () => {
    // 15·4 + 10·2 + 15·3 + 20·3 + 20·2 + 10·3 + 10·3 = 60 + 20 + 45 + 60 + 40 + 30 + 30 = 285 → 285 / 100
    const score = weightedScore(aRubric(shippedWeights), {
      requirements: 4,
      estimation: 2,
      'api-and-data-model': 3,
      'high-level-design': 3,
      'deep-dive': 2,
      tradeoffs: 3,
      communication: 3,
    });

    expect(score).toBe(2.85);
  });

  it('is not the plain average when weights differ', () => {
    // Plain average (4 + 1) / 2 = 2.5; weighted (90·4 + 10·1) / 100 = 3.7.
    expect(weightedScore(aRubric({ design: 90, communication: 10 }), { design: 4, communication: 1 })).toBe(
      3.7,
    );
  });

  it.each<[ScoreLevel]>([[1], [2], [3], [4]])(
    'gives exactly %i when every dimension is scored at that level',
    (level) => {
      const levels = Object.fromEntries(Object.keys(shippedWeights).map((id) => [id, level]));

      expect(weightedScore(aRubric(shippedWeights), levels)).toBe(level);
    },
  );

  describe('with some dimensions unscored', () => {
    it('renormalises over the weights of the scored dimensions', () => {
      // (15·4 + 20·2) / (15 + 20) = 100 / 35 = 2.857… → 2.86
      expect(weightedScore(aRubric(shippedWeights), { requirements: 4, 'high-level-design': 2 })).toBe(2.86);
    });

    it('treats an explicitly undefined level as unscored', () => {
      expect(
        weightedScore(aRubric(shippedWeights), { estimation: 1, communication: 4, 'deep-dive': undefined }),
      ).toBe(2.5);
    });

    it('equals the level of the only scored dimension', () => {
      expect(weightedScore(aRubric(shippedWeights), { tradeoffs: 3 })).toBe(3);
    });
  });

  describe('when nothing is scored', () => {
    it('is null for an empty scorecard', () => {
      expect(weightedScore(aRubric(shippedWeights), {})).toBeNull();
    });

    it('is null when every level is undefined', () => {
      expect(weightedScore(aRubric({ a: 50, b: 50 }), { a: undefined, b: undefined })).toBeNull();
    });

    it('is null for a rubric without dimensions', () => {
      expect(weightedScore({ dimensions: [] }, { requirements: 3 })).toBeNull();
    });
  });

  it('ignores levels for dimensions the rubric does not have', () => {
    expect(weightedScore(aRubric({ a: 50, b: 50 }), { a: 2, b: 4, retired: 1 })).toBe(3);
  });

  it('is null when only unknown dimensions are scored', () => {
    expect(weightedScore(aRubric({ a: 50, b: 50 }), { retired: 4 })).toBeNull();
  });

  describe('rounding to two decimals', () => {
    it('rounds a third down', () => {
      // (1 + 1 + 2) / 3 = 1.333…
      expect(weightedScore(aRubric({ a: 10, b: 10, c: 10 }), { a: 1, b: 1, c: 2 })).toBe(1.33);
    });

    it('rounds two thirds up', () => {
      // (1 + 2 + 2) / 3 = 1.666…
      expect(weightedScore(aRubric({ a: 10, b: 10, c: 10 }), { a: 1, b: 2, c: 2 })).toBe(1.67);
    });

    it('rounds an exact half of a hundredth up', () => {
      // (1·4 + 7·1) / 8 = 11 / 8 = 1.375
      expect(weightedScore(aRubric({ a: 1, b: 7 }), { a: 4, b: 1 })).toBe(1.38);
    });

    it('keeps a score that already has two decimals', () => {
      // (15·3 + 10·2) / 25 = 65 / 25 = 2.6
      expect(weightedScore(aRubric(shippedWeights), { requirements: 3, estimation: 2 })).toBe(2.6);
    });
  });

  it('does not depend on the order of the dimensions', () => {
    const levels = { a: 1, b: 3, c: 4 } as const;

    expect(weightedScore(aRubric({ a: 20, b: 30, c: 50 }), levels)).toBe(
      weightedScore(aRubric({ c: 50, a: 20, b: 30 }), levels),
    );
  });
});

describe('weightedScore rounding', () => {
  it('rounds a score that is exactly halfway up, as written (41/40 = 1.025 → 1.03)', () => {
    const rubric = { dimensions: [aDimension('a', 1), aDimension('b', 39)] };
    expect(weightedScore(rubric, { a: 2, b: 1 })).toBe(1.03);
  });
});

import type { DimensionScore } from '@mockboard/contracts';
import {
  dimensionsInRubricOrder,
  levelsById,
  scorecardProblems,
  submissionProblems,
  type ScorecardContent,
} from './scorecard-rules';

const rubric = {
  dimensions: [{ id: 'requirements' }, { id: 'estimation' }],
  recommendations: [{ id: 'no-hire' }, { id: 'hire' }],
} as unknown as Parameters<typeof scorecardProblems>[0];

function aScorecard(overrides: Partial<ScorecardContent> = {}): ScorecardContent {
  return {
    kind: 'interviewer',
    dimensions: [
      { dimensionId: 'requirements', level: 3, evidence: '' },
      { dimensionId: 'estimation', level: 2, evidence: '' },
    ],
    recommendation: 'hire',
    performedAtLevel: 'senior',
    ...overrides,
  };
}

describe('scorecardProblems', () => {
  it('accepts a scorecard on the rubric, and a partial draft', () => {
    expect(scorecardProblems(rubric, aScorecard())).toEqual([]);
    expect(scorecardProblems(rubric, aScorecard({ dimensions: [], recommendation: null }))).toEqual([]);
  });

  it('names an unknown dimension by its position', () => {
    const dimensions: DimensionScore[] = [
      { dimensionId: 'requirements', level: 3, evidence: '' },
      { dimensionId: 'charisma', level: 4, evidence: '' },
    ];
    expect(scorecardProblems(rubric, aScorecard({ dimensions }))).toEqual([
      {
        field: 'dimensions.1.dimensionId',
        message: "must be one of the rubric's dimensions: requirements, estimation",
      },
    ]);
  });

  it('refuses a dimension scored twice and an unknown recommendation', () => {
    const dimensions: DimensionScore[] = [
      { dimensionId: 'estimation', level: 3, evidence: '' },
      { dimensionId: 'estimation', level: 1, evidence: '' },
    ];
    expect(
      scorecardProblems(rubric, aScorecard({ dimensions, recommendation: 'maybe' })).map(
        (problem) => problem.field,
      ),
    ).toEqual(['dimensions.1.dimensionId', 'recommendation']);
  });
});

describe('submissionProblems', () => {
  it('accepts a complete interviewer scorecard', () => {
    expect(submissionProblems(rubric, aScorecard())).toEqual([]);
  });

  it('names every missing level, recommendation and performed-at level', () => {
    const problems = submissionProblems(
      rubric,
      aScorecard({
        dimensions: [{ dimensionId: 'requirements', level: null, evidence: '' }],
        recommendation: null,
        performedAtLevel: null,
      }),
    );
    expect(problems.map((problem) => problem.field)).toEqual([
      'dimensions.0.level',
      'dimensions',
      'recommendation',
      'performedAtLevel',
    ]);
    expect(problems[1]!.message).toContain('missing estimation');
  });

  it('asks a self-assessment only for the levels', () => {
    expect(
      submissionProblems(rubric, aScorecard({ kind: 'self', recommendation: null, performedAtLevel: null })),
    ).toEqual([]);
  });
});

describe('dimensionsInRubricOrder', () => {
  it('lists every dimension once in rubric order, unscored ones empty', () => {
    expect(
      dimensionsInRubricOrder(rubric, [{ dimensionId: 'estimation', level: 2, evidence: 'sized QPS' }]),
    ).toEqual([
      { dimensionId: 'requirements', level: null, evidence: '' },
      { dimensionId: 'estimation', level: 2, evidence: 'sized QPS' },
    ]);
  });

  it('maps levels by id for the score, leaving unscored ones undefined', () => {
    expect(
      levelsById([
        { dimensionId: 'requirements', level: null },
        { dimensionId: 'estimation', level: 2 },
      ]),
    ).toEqual({
      requirements: undefined,
      estimation: 2,
    });
  });
});

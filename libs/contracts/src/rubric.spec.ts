import type { z } from 'zod';
import { TARGET_LEVELS, type TargetLevel } from './common';
import { RubricDimensionSchema, RubricSchema, type RubricDimension, type ScoreLevel } from './rubric';

type Expectations = Record<TargetLevel, ScoreLevel>;

function aDimension(
  overrides: Partial<Omit<RubricDimension, 'expectations'>> & { expectations?: Expectations } = {},
): RubricDimension {
  const { expectations = { junior: 1, mid: 2, senior: 3, staff: 4 }, ...rest } = overrides;
  return {
    id: 'requirements',
    title: 'Requirements and scope',
    weight: 20,
    description: 'Turns an open prompt into agreed requirements.',
    anchors: {
      1: 'Starts drawing without asking anything.',
      2: 'Asks a few generic questions only.',
      3: 'Covers use cases, scale and latency first.',
      4: 'Finds the requirement that drives the design.',
    },
    expectations: Object.fromEntries(
      TARGET_LEVELS.map((level) => [level, { level: expectations[level], note: `expected of a ${level}` }]),
    ) as RubricDimension['expectations'],
    ...rest,
  };
}

/** Six dimensions whose weights add up to 100, unless the test says otherwise. */
function someDimensions(weights: number[] = [20, 20, 15, 15, 15, 15]): RubricDimension[] {
  return weights.map((weight, index) => aDimension({ id: `dimension-${index + 1}`, weight }));
}

function aRubric(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    levels: [
      { value: 1, label: 'Foundational' },
      { value: 2, label: 'Developing' },
      { value: 3, label: 'Solid' },
      { value: 4, label: 'Exceptional' },
    ],
    dimensions: someDimensions(),
    recommendations: [
      { id: 'no-hire', label: 'No hire', description: 'Below the bar on several dimensions.' },
      { id: 'lean-hire', label: 'Lean hire', description: 'Meets the bar with minor gaps.' },
      { id: 'hire', label: 'Hire', description: 'Meets or exceeds the bar everywhere.' },
    ],
    hints: aHintWeighting(),
    ...overrides,
  };
}

function aHintWeighting(): Record<string, unknown> {
  return {
    guidance: 'A revealed hint caps the level of its phase.',
    stages: [
      { stage: 1, label: 'Nudge', maxLevel: null, effect: 'No effect on the score.' },
      { stage: 2, label: 'Pointer', maxLevel: 3, effect: 'Solid at most, not exceptional.' },
      { stage: 3, label: 'Answer', maxLevel: 2, effect: 'Developing at most.' },
    ],
  };
}

function fieldErrors(result: z.ZodSafeParseResult<unknown>): Array<{ field: string; message: string }> {
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

describe('RubricSchema', () => {
  it('accepts a rubric with six dimensions weighted to 100', () => {
    expect(RubricSchema.parse(aRubric())).toEqual(aRubric());
  });

  it('accepts more than six dimensions', () => {
    expect(
      RubricSchema.safeParse(aRubric({ dimensions: someDimensions([15, 10, 15, 20, 20, 10, 10]) })).success,
    ).toBe(true);
  });

  describe('weights', () => {
    it('rejects weights that add up to more than 100, saying what they add up to', () => {
      expect(
        fieldErrors(
          RubricSchema.safeParse(aRubric({ dimensions: someDimensions([20, 20, 15, 15, 15, 16]) })),
        ),
      ).toEqual([{ field: 'dimensions', message: 'weights must add up to 100 (they add up to 101)' }]);
    });

    it('rejects weights that add up to less than 100', () => {
      expect(
        fieldErrors(
          RubricSchema.safeParse(aRubric({ dimensions: someDimensions([10, 10, 10, 10, 10, 10]) })),
        ),
      ).toEqual([{ field: 'dimensions', message: 'weights must add up to 100 (they add up to 60)' }]);
    });

    it.each([0, -10, 12.5])('rejects a weight of %d', (weight) => {
      const dimensions = someDimensions([20, 20, 15, 15, 15, 15]).map((dimension, index) =>
        index === 0 ? { ...dimension, weight } : dimension,
      );

      expect(
        fieldErrors(RubricSchema.safeParse(aRubric({ dimensions }))).map((error) => error.field),
      ).toContain('dimensions.0.weight');
    });
  });

  it('rejects a duplicate dimension id at the second occurrence', () => {
    const dimensions = someDimensions().map((dimension, index) =>
      index === 3 ? { ...dimension, id: 'dimension-1' } : dimension,
    );

    expect(fieldErrors(RubricSchema.safeParse(aRubric({ dimensions })))).toEqual([
      { field: 'dimensions.3.id', message: 'duplicate id "dimension-1"' },
    ]);
  });

  it('rejects a dimension id that is not kebab-case', () => {
    const dimensions = someDimensions().map((dimension, index) =>
      index === 0 ? { ...dimension, id: 'High_Level' } : dimension,
    );

    expect(fieldErrors(RubricSchema.safeParse(aRubric({ dimensions })))).toEqual([
      { field: 'dimensions.0.id', message: 'must be kebab-case' },
    ]);
  });

  describe('expectations', () => {
    it('accepts expectations that rise one level at a time from junior to staff', () => {
      const dimensions = someDimensions().map((dimension) =>
        aDimension({ ...dimension, expectations: { junior: 1, mid: 2, senior: 3, staff: 4 } }),
      );

      expect(RubricSchema.safeParse(aRubric({ dimensions })).success).toBe(true);
    });

    it.each<[string, Expectations]>([
      ['mid below junior', { junior: 2, mid: 1, senior: 3, staff: 4 }],
      ['staff below senior', { junior: 1, mid: 2, senior: 4, staff: 3 }],
      ['everything falling', { junior: 4, mid: 3, senior: 2, staff: 1 }],
      ['junior and mid alike', { junior: 2, mid: 2, senior: 3, staff: 4 }],
      ['mid and senior alike', { junior: 1, mid: 3, senior: 3, staff: 4 }],
      ['all alike', { junior: 2, mid: 2, senior: 2, staff: 2 }],
    ])('rejects expectations that do not rise at every step (%s)', (_case, expectations) => {
      const dimensions = someDimensions().map((dimension, index) =>
        index === 2 ? aDimension({ ...dimension, expectations }) : dimension,
      );

      expect(fieldErrors(RubricSchema.safeParse(aRubric({ dimensions })))).toEqual([
        {
          field: 'dimensions.2.expectations',
          message: 'expected levels must rise from junior to staff, each above the one before',
        },
      ]);
    });

    it('needs an expectation for every target level', () => {
      const { staff: _staff, ...withoutStaff } = aDimension().expectations;

      expect(
        fieldErrors(RubricDimensionSchema.safeParse({ ...aDimension(), expectations: withoutStaff })).map(
          (error) => error.field,
        ),
      ).toEqual(['expectations.staff']);
    });

    it('rejects an expected level outside 1 to 4', () => {
      const dimension = aDimension();
      const expectations = { ...dimension.expectations, staff: { level: 5, note: 'beyond the scale' } };

      expect(
        fieldErrors(RubricDimensionSchema.safeParse({ ...dimension, expectations })).map(
          (error) => error.field,
        ),
      ).toEqual(['expectations.staff.level']);
    });
  });

  describe('levels', () => {
    it('rejects levels listed out of order', () => {
      const levels = [
        { value: 2, label: 'Developing' },
        { value: 1, label: 'Foundational' },
        { value: 3, label: 'Solid' },
        { value: 4, label: 'Exceptional' },
      ];

      expect(fieldErrors(RubricSchema.safeParse(aRubric({ levels })))).toEqual([
        { field: 'levels.0.value', message: 'levels must be listed in order 1, 2, 3, 4' },
        { field: 'levels.1.value', message: 'levels must be listed in order 1, 2, 3, 4' },
      ]);
    });

    it('rejects a list with fewer than four levels', () => {
      const levels = [
        { value: 1, label: 'Foundational' },
        { value: 2, label: 'Developing' },
        { value: 3, label: 'Solid' },
      ];

      expect(fieldErrors(RubricSchema.safeParse(aRubric({ levels })))).toEqual([
        { field: 'levels', message: 'must list exactly the four levels 1–4' },
      ]);
    });

    it('rejects a level value outside 1 to 4', () => {
      const levels = [
        { value: 1, label: 'Foundational' },
        { value: 2, label: 'Developing' },
        { value: 3, label: 'Solid' },
        { value: 5, label: 'Legendary' },
      ];

      expect(fieldErrors(RubricSchema.safeParse(aRubric({ levels }))).map((error) => error.field)).toEqual([
        'levels.3.value',
      ]);
    });
  });

  it('needs at least six dimensions', () => {
    expect(
      fieldErrors(RubricSchema.safeParse(aRubric({ dimensions: someDimensions([20, 20, 20, 20, 20]) }))),
    ).toEqual([{ field: 'dimensions', message: 'needs at least 6 dimensions' }]);
  });

  it('needs at least three recommendations', () => {
    const recommendations = [
      { id: 'no-hire', label: 'No hire', description: 'Below the bar on several dimensions.' },
      { id: 'hire', label: 'Hire', description: 'Meets or exceeds the bar everywhere.' },
    ];

    expect(
      fieldErrors(RubricSchema.safeParse(aRubric({ recommendations }))).map((error) => error.field),
    ).toEqual(['recommendations']);
  });

  it('asks for a behavioural description when an anchor is too short', () => {
    const dimension = aDimension();
    const anchors = { ...dimension.anchors, 2: '   meh    ' };

    expect(fieldErrors(RubricDimensionSchema.safeParse({ ...dimension, anchors }))).toEqual([
      { field: 'anchors.2', message: 'describe the behaviour at this level' },
    ]);
  });

  it('rejects unknown keys on a dimension', () => {
    const dimensions = someDimensions().map((dimension, index) =>
      index === 1 ? { ...dimension, colour: 'blue' } : dimension,
    );
    const result = RubricSchema.safeParse(aRubric({ dimensions }));

    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', path: ['dimensions', 1], keys: ['colour'] }),
    ]);
  });

  it('rejects unknown keys at the top level', () => {
    const result = RubricSchema.safeParse({ ...aRubric(), owner: 'someone' });

    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', path: [], keys: ['owner'] }),
    ]);
  });

  describe('hint weighting', () => {
    type Stage = { stage: number; label: string; maxLevel: number | null; effect: string };
    const stages = (): Stage[] => (aHintWeighting() as { stages: Stage[] }).stages;
    const withStages = (list: Stage[]) => aRubric({ hints: { ...aHintWeighting(), stages: list } });

    it('needs the hint weighting', () => {
      const { hints: _hints, ...withoutHints } = aRubric();

      expect(fieldErrors(RubricSchema.safeParse(withoutHints)).map((error) => error.field)).toEqual([
        'hints',
      ]);
    });

    it('needs exactly three stages', () => {
      expect(fieldErrors(RubricSchema.safeParse(withStages(stages().slice(0, 2))))).toEqual([
        { field: 'hints.stages', message: 'must list exactly the three stages 1–3' },
      ]);
    });

    it('rejects stages listed out of order', () => {
      const [first, second, third] = stages() as [Stage, Stage, Stage];

      expect(fieldErrors(RubricSchema.safeParse(withStages([second, first, third])))).toEqual([
        { field: 'hints.stages.0.stage', message: 'stages must be listed in order 1, 2, 3' },
        { field: 'hints.stages.1.stage', message: 'stages must be listed in order 1, 2, 3' },
        {
          field: 'hints.stages',
          message: 'a later stage must cap the level at most as high as an earlier one',
        },
      ]);
    });

    it('rejects an explicit hint that weighs less than a gentler one', () => {
      const list = stages().map((stage) => (stage.stage === 3 ? { ...stage, maxLevel: 4 } : stage));

      expect(fieldErrors(RubricSchema.safeParse(withStages(list)))).toEqual([
        {
          field: 'hints.stages',
          message: 'a later stage must cap the level at most as high as an earlier one',
        },
      ]);
    });

    it('rejects a cap outside the levels 1 to 4', () => {
      const list = stages().map((stage) => (stage.stage === 2 ? { ...stage, maxLevel: 5 } : stage));

      expect(fieldErrors(RubricSchema.safeParse(withStages(list))).map((error) => error.field)).toEqual([
        'hints.stages.1.maxLevel',
      ]);
    });

    it('asks what a stage does to the score', () => {
      const list = stages().map((stage) => (stage.stage === 1 ? { ...stage, effect: 'none' } : stage));

      expect(fieldErrors(RubricSchema.safeParse(withStages(list)))).toEqual([
        { field: 'hints.stages.0.effect', message: 'say what this stage does to the score' },
      ]);
    });
  });

  it('reports the rubric-wide rules together once the shapes are right', () => {
    const dimensions = someDimensions([20, 20, 15, 15, 15, 10]).map((dimension, index) =>
      index === 5
        ? aDimension({
            ...dimension,
            id: 'dimension-1',
            expectations: { junior: 3, mid: 2, senior: 3, staff: 4 },
          })
        : dimension,
    );

    expect(fieldErrors(RubricSchema.safeParse(aRubric({ dimensions })))).toEqual([
      { field: 'dimensions', message: 'weights must add up to 100 (they add up to 95)' },
      { field: 'dimensions.5.id', message: 'duplicate id "dimension-1"' },
      {
        field: 'dimensions.5.expectations',
        message: 'expected levels must rise from junior to staff, each above the one before',
      },
    ]);
  });
});

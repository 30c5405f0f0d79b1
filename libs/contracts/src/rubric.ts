import { z } from 'zod';
import { TARGET_LEVELS } from './common';

export const SCORE_LEVELS = [1, 2, 3, 4] as const;
export const ScoreLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type ScoreLevel = z.infer<typeof ScoreLevelSchema>;

const AnchorSchema = z.string().trim().min(10, { message: 'describe the behaviour at this level' });

export const RubricDimensionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'must be kebab-case' }),
  title: z.string().min(3),
  weight: z.number().int().positive(),
  description: z.string().min(10),
  /** What the candidate observably does at each level, 1 (a beginner's baseline) to 4 (exceptional). */
  anchors: z.strictObject({ 1: AnchorSchema, 2: AnchorSchema, 3: AnchorSchema, 4: AnchorSchema }),
  /** The level each target level is expected to reach on this dimension (rising junior to staff). */
  expectations: z.strictObject(
    Object.fromEntries(
      TARGET_LEVELS.map((level) => [
        level,
        z.strictObject({ level: ScoreLevelSchema, note: z.string().min(5) }),
      ]),
    ) as Record<
      (typeof TARGET_LEVELS)[number],
      z.ZodObject<{ level: typeof ScoreLevelSchema; note: z.ZodString }>
    >,
  ),
});
export type RubricDimension = z.infer<typeof RubricDimensionSchema>;

export const RecommendationSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  label: z.string().min(2),
  description: z.string().min(10),
});
export type Recommendation = z.infer<typeof RecommendationSchema>;

/** A hint's stage is its 1-based position in its phase: 1 a nudge, 2 a pointer, 3 the answer. */
export const HintStageSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type HintStage = z.infer<typeof HintStageSchema>;

/**
 * How much a revealed hint weighs: a hint's stage (its position in its phase, 1 gentle to 3
 * explicit) caps the level the phase's dimension can be scored at; `null` leaves the score alone.
 */
export const HintWeightStageSchema = z.strictObject({
  stage: HintStageSchema,
  label: z.string().trim().min(2),
  maxLevel: ScoreLevelSchema.nullable(),
  effect: z.string().trim().min(10, { message: 'say what this stage does to the score' }),
});
export type HintWeightStage = z.infer<typeof HintWeightStageSchema>;

export const HintWeightingSchema = z
  .strictObject({
    guidance: z.string().trim().min(10),
    stages: z.array(HintWeightStageSchema).length(3, { message: 'must list exactly the three stages 1–3' }),
  })
  .superRefine((hints, ctx) => {
    hints.stages.forEach((stage, index) => {
      if (stage.stage !== index + 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['stages', index, 'stage'],
          message: 'stages must be listed in order 1, 2, 3',
        });
      }
    });
    // A more explicit hint may never weigh less than a gentler one.
    const caps = hints.stages.map((stage) => stage.maxLevel ?? 5);
    if (caps.some((cap, index) => index > 0 && cap > (caps[index - 1] ?? 5))) {
      ctx.addIssue({
        code: 'custom',
        path: ['stages'],
        message: 'a later stage must cap the level at most as high as an earlier one',
      });
    }
  });
export type HintWeighting = z.infer<typeof HintWeightingSchema>;

export const RubricSchema = z
  .strictObject({
    version: z.number().int().positive(),
    levels: z
      .array(z.strictObject({ value: ScoreLevelSchema, label: z.string().min(2) }))
      .length(4, { message: 'must list exactly the four levels 1–4' }),
    dimensions: z.array(RubricDimensionSchema).min(6, { message: 'needs at least 6 dimensions' }),
    recommendations: z.array(RecommendationSchema).min(3),
    hints: HintWeightingSchema,
  })
  .superRefine((rubric, ctx) => {
    const total = rubric.dimensions.reduce((sum, dimension) => sum + dimension.weight, 0);
    if (total !== 100) {
      ctx.addIssue({
        code: 'custom',
        path: ['dimensions'],
        message: `weights must add up to 100 (they add up to ${total})`,
      });
    }
    const seen = new Set<string>();
    rubric.dimensions.forEach((dimension, index) => {
      if (seen.has(dimension.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['dimensions', index, 'id'],
          message: `duplicate id "${dimension.id}"`,
        });
      }
      seen.add(dimension.id);
      // Each target level must expect more than the one below it, or two levels would be scored alike.
      const expected = TARGET_LEVELS.map((level) => dimension.expectations[level].level);
      if (expected.some((value, i) => i > 0 && value <= (expected[i - 1] ?? 0))) {
        ctx.addIssue({
          code: 'custom',
          path: ['dimensions', index, 'expectations'],
          message: 'expected levels must rise from junior to staff, each above the one before',
        });
      }
    });
    rubric.levels.forEach((level, index) => {
      if (level.value !== index + 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', index, 'value'],
          message: 'levels must be listed in order 1, 2, 3, 4',
        });
      }
    });
  });
export type Rubric = z.infer<typeof RubricSchema>;

import { z } from 'zod';
import { ScoreLevelSchema } from './rubric';

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export const DifficultySchema = z.enum(DIFFICULTIES);
export type Difficulty = z.infer<typeof DifficultySchema>;

/** The phases an interview moves through; a prompt's time plan orders a subset of them. */
export const INTERVIEW_PHASES = [
  'requirements',
  'estimation',
  'api-and-data-model',
  'high-level-design',
  'deep-dive',
  'wrap-up',
] as const;
export const InterviewPhaseSchema = z.enum(INTERVIEW_PHASES);
export type InterviewPhase = z.infer<typeof InterviewPhaseSchema>;

export const INTERVIEW_PHASE_TITLES: Record<InterviewPhase, string> = {
  requirements: 'Requirements',
  estimation: 'Estimation',
  'api-and-data-model': 'API and data model',
  'high-level-design': 'High-level design',
  'deep-dive': 'Deep dive',
  'wrap-up': 'Wrap-up',
};

/** The learning roadmap: which prompts to practise first. */
export const ROADMAP_PHASE_TITLES = {
  1: 'Foundations',
  2: 'Core products',
  3: 'Large-scale systems',
  4: 'Distributed-systems depth',
} as const;
export const RoadmapPhaseSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type RoadmapPhase = z.infer<typeof RoadmapPhaseSchema>;

export const PROMPT_MIN_MINUTES = 30;
export const PROMPT_MAX_MINUTES = 60;

const kebabCase = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const PromptIdSchema = z
  .string()
  .max(64)
  .regex(kebabCase, { message: 'must be kebab-case, e.g. "url-shortener"' });

export const TimePlanEntrySchema = z.strictObject({
  phase: InterviewPhaseSchema,
  minutes: z.number().int().min(1).max(PROMPT_MAX_MINUTES),
});
export type TimePlanEntry = z.infer<typeof TimePlanEntrySchema>;

/** A prompt's metadata: the YAML front matter of its file, and the list view on the wire. */
export const PromptMetaSchema = z.strictObject({
  id: PromptIdSchema,
  title: z.string().trim().min(3).max(120),
  summary: z.string().trim().min(10).max(300),
  difficulty: DifficultySchema,
  tags: z
    .array(z.string().regex(kebabCase, { message: 'tags must be kebab-case' }))
    .min(1)
    .max(8),
  roadmapPhase: RoadmapPhaseSchema,
  timePlan: z
    .array(TimePlanEntrySchema)
    .min(2)
    .refine(
      (plan) => {
        const total = plan.reduce((sum, entry) => sum + entry.minutes, 0);
        return total >= PROMPT_MIN_MINUTES && total <= PROMPT_MAX_MINUTES;
      },
      { message: `phases must add up to ${PROMPT_MIN_MINUTES}–${PROMPT_MAX_MINUTES} minutes` },
    )
    .refine((plan) => new Set(plan.map((entry) => entry.phase)).size === plan.length, {
      message: 'each phase may appear once',
    }),
});
export type PromptMeta = z.infer<typeof PromptMetaSchema>;

export const PromptSummarySchema = PromptMetaSchema.extend({
  totalMinutes: z.number().int(),
});
export type PromptSummary = z.infer<typeof PromptSummarySchema>;

export const PromptSectionSchema = z.object({
  /** Slug of the heading, e.g. "scale-estimates". */
  id: z.string(),
  title: z.string(),
  markdown: z.string(),
});
export type PromptSection = z.infer<typeof PromptSectionSchema>;

/**
 * What strong and weak answers show on one rubric dimension for one prompt, and the rubric level
 * (1-4, prompts/rubric.yaml) each behaviour evidences: strong is 3 or 4, weak is 1 or 2.
 */
export const RubricSignalSchema = z.object({
  dimensionId: z.string(),
  strong: z.string(),
  strongLevel: ScoreLevelSchema,
  weak: z.string(),
  weakLevel: ScoreLevelSchema,
});
export type RubricSignal = z.infer<typeof RubricSignalSchema>;

/** Each phase's hints: at least two, at most three, ordered gentle (stage 1) to explicit. */
export const HINTS_PER_PHASE = { min: 2, max: 3 } as const;
/** A hint is one paragraph the candidate reads when it is revealed. */
export const HINT_MAX_CHARACTERS = 400;

/** The staged hints an interviewer may reveal during one phase of the interview (interviewer-only). */
export const PhaseHintsSchema = z.object({
  phase: InterviewPhaseSchema,
  hints: z
    .array(z.string().min(1).max(HINT_MAX_CHARACTERS))
    .min(HINTS_PER_PHASE.min)
    .max(HINTS_PER_PHASE.max),
});
export type PhaseHints = z.infer<typeof PhaseHintsSchema>;

export const PROMPT_AUDIENCES = ['candidate', 'interviewer'] as const;
export const PromptAudienceSchema = z.enum(PROMPT_AUDIENCES);
export type PromptAudience = z.infer<typeof PromptAudienceSchema>;

/**
 * One prompt for one reader. The candidate gets the problem statement only; `guide` (the interviewer's
 * sections and rubric signals) is present only for the interviewer audience.
 */
export const PromptDetailSchema = PromptSummarySchema.extend({
  audience: PromptAudienceSchema,
  problemStatement: z.string(),
  guide: z
    .object({
      sections: z.array(PromptSectionSchema),
      signals: z.array(RubricSignalSchema),
      /** In time-plan order; empty while a prompt has no `## Hints` yet. */
      hints: z.array(PhaseHintsSchema),
    })
    .nullable(),
});
export type PromptDetail = z.infer<typeof PromptDetailSchema>;

/** The library's practice filter: prompts the signed-in user has (yes) or has not yet (no) practised. */
export const PRACTISED_FILTERS = ['yes', 'no'] as const;
export const PractisedFilterSchema = z.enum(PRACTISED_FILTERS, {
  message: 'must be "yes" (practised) or "no" (not practised yet)',
});
export type PractisedFilter = z.infer<typeof PractisedFilterSchema>;

/**
 * A topic people think in ("Caching", "Payments and money"), defined in prompts/topics.yaml as a
 * set of the prompts' tags: the library filters by topic rather than by one of a hundred tags.
 */
export const PromptTopicSchema = z.strictObject({
  id: z.string().regex(kebabCase, { message: 'must be kebab-case, e.g. "caching"' }),
  title: z.string().trim().min(1).max(60),
  tags: z.array(z.string().regex(kebabCase, { message: 'tags must be kebab-case' })).min(1),
});
export type PromptTopic = z.infer<typeof PromptTopicSchema>;

export const PromptTopicsFileSchema = z.strictObject({ topics: z.array(PromptTopicSchema).min(1) });

export const PromptListQuerySchema = z.strictObject({
  /** A topic's id (prompts/topics.yaml): prompts carrying any of its tags. */
  topic: z.string().max(64).optional(),
  /** One raw tag: still accepted, for older links and a prompt card's tag chips. */
  tag: z.string().max(64).optional(),
  difficulty: DifficultySchema.optional(),
  q: z.string().trim().max(100, { message: 'must be at most 100 characters' }).optional(),
  roadmapPhase: z.coerce.number().pipe(RoadmapPhaseSchema).optional(),
  /**
   * A prompt is practised once the user took part, in either role, in a round on it of a session
   * that counts as completed. Needs a signed-in user.
   */
  practised: PractisedFilterSchema.optional(),
});
export type PromptListQuery = z.infer<typeof PromptListQuerySchema>;

export const PromptListResponseSchema = z.object({
  prompts: z.array(PromptSummarySchema),
  /** Every tag in the library. */
  tags: z.array(z.string()),
  /** The library's topics, for the Topic filter. */
  topics: z.array(z.object({ id: z.string(), title: z.string() })),
});
export type PromptListResponse = z.infer<typeof PromptListResponseSchema>;

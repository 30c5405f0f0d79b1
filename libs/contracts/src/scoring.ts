import { z } from 'zod';
import { TargetLevelSchema } from './common';
import { RoundHintsSchema } from './hints';
import { ScoreLevelSchema } from './rubric';
import { SessionFormatSchema, SessionStatusSchema } from './scheduling';

/**
 * Scorecards: after each round the interviewer scores the candidate against the rubric, and the
 * candidate scores themselves on the same rubric. Weighted scores are computed on the server
 * (libs/rubric), never taken from the client.
 */
export const SCORECARD_KINDS = ['interviewer', 'self'] as const;
export const ScorecardKindSchema = z.enum(SCORECARD_KINDS);
export type ScorecardKind = z.infer<typeof ScorecardKindSchema>;

export const EVIDENCE_MAX_CHARS = 2_000;
export const FEEDBACK_MAX_CHARS = 4_000;

export const DimensionScoreSchema = z.strictObject({
  dimensionId: z.string().max(64),
  level: ScoreLevelSchema.nullable(),
  evidence: z
    .string()
    .max(EVIDENCE_MAX_CHARS, { message: `must be at most ${EVIDENCE_MAX_CHARS} characters` })
    .default(''),
});
export type DimensionScore = z.infer<typeof DimensionScoreSchema>;

/** PUT body: a draft (autosave) or, with `submit: true`, the final scorecard. */
export const ScorecardWriteSchema = z.strictObject({
  kind: ScorecardKindSchema,
  dimensions: z.array(DimensionScoreSchema).max(20),
  strengths: z.string().max(FEEDBACK_MAX_CHARS).default(''),
  improvements: z.string().max(FEEDBACK_MAX_CHARS).default(''),
  recommendation: z.string().max(64).nullable().default(null),
  performedAtLevel: TargetLevelSchema.nullable().default(null),
  submit: z.boolean().default(false),
});
export type ScorecardWrite = z.input<typeof ScorecardWriteSchema>;

export const ScorecardSchema = z.object({
  sessionId: z.uuid(),
  round: z.number().int(),
  kind: ScorecardKindSchema,
  authorId: z.uuid(),
  subjectId: z.uuid(),
  dimensions: z.array(
    z.object({ dimensionId: z.string(), level: ScoreLevelSchema.nullable(), evidence: z.string() }),
  ),
  strengths: z.string(),
  improvements: z.string(),
  recommendation: z.string().nullable(),
  performedAtLevel: TargetLevelSchema.nullable(),
  /** Weighted average on the 1–4 scale, from the rubric's weights; null until a dimension is scored. */
  weightedScore: z.number().nullable(),
  status: z.enum(['draft', 'submitted']),
  submittedAt: z.iso.datetime().nullable(),
  /** Once revealed to its subject a scorecard is immutable. */
  revealedAt: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime(),
});
export type Scorecard = z.infer<typeof ScorecardSchema>;

/** The candidate's private rating of their interviewer (never shown to the interviewer by name). */
export const InterviewerRatingWriteSchema = z.strictObject({
  clarity: z.number().int().min(1).max(5),
  helpfulness: z.number().int().min(1).max(5),
  comment: z.string().max(1_000).default(''),
});
export type InterviewerRatingWrite = z.input<typeof InterviewerRatingWriteSchema>;
export const InterviewerRatingSchema = InterviewerRatingWriteSchema.extend({ updatedAt: z.iso.datetime() });
export type InterviewerRating = z.infer<typeof InterviewerRatingSchema>;

/**
 * GET /api/sessions/:id/rounds/:round/scorecard, for the caller: the scorecards they may read
 * (their own, and the one about them once revealed), and why the other is still hidden.
 */
export const RoundFeedbackSchema = z.object({
  sessionId: z.uuid(),
  round: z.number().int(),
  interviewerId: z.uuid(),
  candidateId: z.uuid(),
  interviewer: ScorecardSchema.nullable(),
  self: ScorecardSchema.nullable(),
  rating: InterviewerRatingSchema.nullable(),
  /** When feedback about the caller exists but is hidden: when it will be revealed at the latest. */
  hiddenUntil: z.iso.datetime().nullable(),
  /** The hints the interviewer revealed in the round, and the caps the rubric gives them (issue 17). */
  hints: RoundHintsSchema,
  /**
   * The caller's own private notes from the room, when they interviewed this round (null when
   * none): what they wrote to score with. Never anyone else's.
   */
  myNotes: z.string().nullable(),
});
export type RoundFeedback = z.infer<typeof RoundFeedbackSchema>;

export const ScorecardRevisionSchema = z.object({
  revision: z.number().int(),
  editedBy: z.uuid(),
  editedAt: z.iso.datetime(),
  snapshot: ScorecardSchema,
});
/** GET …/scorecard/history?kind=interviewer|self */
export const ScorecardHistoryQuerySchema = z.strictObject({ kind: ScorecardKindSchema });
export type ScorecardHistoryQuery = z.infer<typeof ScorecardHistoryQuerySchema>;

export const ScorecardHistoryResponseSchema = z.object({ revisions: z.array(ScorecardRevisionSchema) });
export type ScorecardHistoryResponse = z.infer<typeof ScorecardHistoryResponseSchema>;

// ---- progress -------------------------------------------------------------------------------------

export const ProgressResponseSchema = z.object({
  dimensions: z.array(
    z.object({
      dimensionId: z.string(),
      title: z.string(),
      points: z.array(
        z.object({ sessionId: z.uuid(), round: z.number().int(), at: z.iso.datetime(), level: z.number() }),
      ),
      partnerAverage: z.number().nullable(),
      selfAverage: z.number().nullable(),
      /** self − partner: positive means the user rates themselves higher than partners do. */
      calibrationGap: z.number().nullable(),
    }),
  ),
  strongest: z.array(z.string()),
  weakest: z.array(z.string()),
  promptsDone: z.array(z.object({ id: z.string(), title: z.string() })),
  promptsNotDone: z.array(z.object({ id: z.string(), title: z.string() })),
  /** Consecutive ISO weeks, up to this one, with at least one completed session. */
  streakWeeks: z.number().int(),
  history: z.array(
    z.object({
      sessionId: z.uuid(),
      startsAt: z.iso.datetime(),
      status: SessionStatusSchema,
      promptTitles: z.array(z.string()),
      weightedScore: z.number().nullable(),
      thumbnailUrl: z.string(),
    }),
  ),
});
export type ProgressResponse = z.infer<typeof ProgressResponseSchema>;

// ---- portfolio ------------------------------------------------------------------------------------

export const ShareLinkResponseSchema = z.object({ url: z.string().nullable() });
export type ShareLinkResponse = z.infer<typeof ShareLinkResponseSchema>;

/** The feedback about the case study's owner in one round, as they may see it. */
export const CaseStudyFeedbackSchema = z.object({
  round: z.number().int(),
  weightedScore: z.number().nullable(),
  dimensions: z.array(
    z.object({
      dimensionId: z.string(),
      title: z.string(),
      level: ScoreLevelSchema.nullable(),
      levelLabel: z.string().nullable(),
      evidence: z.string(),
    }),
  ),
  strengths: z.string(),
  improvements: z.string(),
});
export type CaseStudyFeedback = z.infer<typeof CaseStudyFeedbackSchema>;

/**
 * GET /api/shared/:token: one participant's view of a session, for the public case-study page.
 * Never carries the partner's name, email or private notes.
 */
export const CaseStudySchema = z.object({
  title: z.string(),
  startsAt: z.iso.datetime(),
  format: SessionFormatSchema,
  rounds: z.array(
    z.object({
      number: z.number().int(),
      /** The owner's role in this round. */
      role: z.enum(['interviewer', 'candidate']),
      promptId: z.string().nullable(),
      promptTitle: z.string().nullable(),
      /** The prompt's problem statement (Markdown). */
      problemStatement: z.string().nullable(),
      /** This round's own board (each round draws on its own). */
      whiteboardSvgUrl: z.string(),
    }),
  ),
  feedback: z.array(CaseStudyFeedbackSchema),
  /** The final board: the last round drawn on. */
  whiteboardSvgUrl: z.string(),
  markdownUrl: z.string(),
});
export type CaseStudy = z.infer<typeof CaseStudySchema>;

export const AdminCalibrationResponseSchema = z.object({
  prompts: z.array(
    z.object({
      promptId: z.string(),
      title: z.string(),
      sessions: z.number().int(),
      averageScore: z.number().nullable(),
      dimensions: z.array(
        z.object({ dimensionId: z.string(), scored: z.number().int(), average: z.number().nullable() }),
      ),
      /** Candidates' private ratings of the interviewers of this prompt: averages only, never names. */
      interviewerRatings: z.object({
        rated: z.number().int(),
        clarity: z.number().nullable(),
        helpfulness: z.number().nullable(),
      }),
    }),
  ),
});
export type AdminCalibrationResponse = z.infer<typeof AdminCalibrationResponseSchema>;

/** `?round=1|2`: one round's whiteboard (each round draws on its own); without it the final board. */
export const WhiteboardQuerySchema = z.object({
  round: z.enum(['1', '2'], { message: 'must be 1 or 2' }).transform(Number).optional(),
});
export type WhiteboardQuery = z.infer<typeof WhiteboardQuerySchema>;

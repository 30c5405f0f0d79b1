import { z } from 'zod';
import { InterviewPhaseSchema } from './prompts';
import { HintStageSchema, ScoreLevelSchema } from './rubric';

/**
 * Staged hints in the room (issue 17): the round's interviewer reveals a prompt's hint to the
 * candidate over the room's socket (ROOM_EVENTS.hintReveal / hintRevealed); the join answer, the
 * replay and the scorecard carry what was revealed.
 */

const SessionIdSchema = z.uuid({ message: 'must be a session id' });

/**
 * A hint the round's interviewer revealed to the candidate, as stored: the text is the one shown
 * then, kept even if the prompt's hints are rewritten later.
 */
export const HintRevealSchema = z.object({
  sessionId: z.uuid(),
  round: z.number().int().min(1).max(2),
  phase: InterviewPhaseSchema,
  /** 1 a nudge, 2 a pointer, 3 explicit: its position in the phase's hints. */
  stage: HintStageSchema,
  text: z.string(),
  revealedBy: z.uuid(),
  revealedAt: z.iso.datetime(),
});
export type HintReveal = z.infer<typeof HintRevealSchema>;

/** A hint revealed in a round, with what the rubric says it weighs (for the scorecard). */
export const HintUsedSchema = HintRevealSchema.omit({ sessionId: true }).extend({
  /** The rubric dimension its phase's hints are about (wrap-up counts towards trade-offs). */
  dimensionId: z.string(),
  /** The rubric's name for its stage, e.g. "Pointer". */
  stageLabel: z.string(),
  /** The highest level the dimension may be scored at after it; null: no effect on the score. */
  maxLevel: ScoreLevelSchema.nullable(),
  /** The rubric's words for what the stage does to the score. */
  effect: z.string(),
});
export type HintUsed = z.infer<typeof HintUsedSchema>;

/** The cap the hints revealed put on one dimension (the lowest wins), and a line per capping hint. */
export const HintCapSchema = z.object({
  dimensionId: z.string(),
  maxLevel: ScoreLevelSchema,
  reasons: z.array(z.string()),
});
export type HintCap = z.infer<typeof HintCapSchema>;

/** A round's hints for its scorecard: advice only, the interviewer still chooses each level. */
export const RoundHintsSchema = z.object({
  used: z.array(HintUsedSchema),
  caps: z.array(HintCapSchema),
});
export type RoundHints = z.infer<typeof RoundHintsSchema>;

/** c→s `hint:reveal`: shows the candidate one hint; stage 2 only after 1, 3 after 2 (same phase). */
export const HintRevealRequestSchema = z.strictObject({
  sessionId: SessionIdSchema,
  /** The round it is for: a reveal meant for a round that is over is refused, not moved to the next. */
  round: z.number().int().min(1).max(2),
  phase: InterviewPhaseSchema,
  stage: HintStageSchema,
});
export type HintRevealRequest = z.infer<typeof HintRevealRequestSchema>;

/** The reveal as stored (the stored one when it was revealed before: a retry changes nothing). */
export const HintRevealAckSchema = z.object({ ok: z.literal(true), reveal: HintRevealSchema });
export type HintRevealAck = z.infer<typeof HintRevealAckSchema>;

import type { AdminCalibrationResponse, Rubric, ScoreLevel } from '@mockboard/contracts';
import { averageOf } from './progress';

/** A submitted interviewer scorecard, placed by the prompt its round used. */
export interface PromptScorecard {
  promptId: string;
  sessionId: string;
  weightedScore: number | null;
  levels: Readonly<Record<string, ScoreLevel | null | undefined>>;
}

/** A candidate's private rating of the interviewer of a round on this prompt. */
export interface PromptRating {
  promptId: string;
  clarity: number;
  helpfulness: number;
}

/**
 * How interviewers score each prompt: per prompt (in library order, including prompts nobody has
 * used yet), the sessions scored, the average weighted score, and per rubric dimension how often
 * it was scored and its average level; plus candidates' ratings of the interviewers, as averages.
 * A prompt that scores far below the others on a dimension is a calibration signal for the admins.
 */
export function calibrationByPrompt(
  rubric: Pick<Rubric, 'dimensions'>,
  prompts: readonly { id: string; title: string }[],
  scorecards: readonly PromptScorecard[],
  ratings: readonly PromptRating[],
): AdminCalibrationResponse['prompts'] {
  return prompts.map((prompt) => {
    const cards = scorecards.filter((card) => card.promptId === prompt.id);
    const rated = ratings.filter((rating) => rating.promptId === prompt.id);
    return {
      promptId: prompt.id,
      title: prompt.title,
      sessions: new Set(cards.map((card) => card.sessionId)).size,
      averageScore: averageOf(
        cards.flatMap((card) => (card.weightedScore === null ? [] : [card.weightedScore])),
      ),
      dimensions: rubric.dimensions.map((dimension) => {
        const levels = cards.flatMap((card) => {
          const level = card.levels[dimension.id];
          return typeof level === 'number' ? [level] : [];
        });
        return { dimensionId: dimension.id, scored: levels.length, average: averageOf(levels) };
      }),
      interviewerRatings: {
        rated: rated.length,
        clarity: averageOf(rated.map((rating) => rating.clarity)),
        helpfulness: averageOf(rated.map((rating) => rating.helpfulness)),
      },
    };
  });
}

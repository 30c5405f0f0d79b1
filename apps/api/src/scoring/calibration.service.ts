import { Injectable } from '@nestjs/common';
import type { AdminCalibrationResponse } from '@mockboard/contracts';
import { calibrationByPrompt, levelsById } from '@mockboard/rubric';
import { PromptsService } from '../prompts/prompts.service';
import { ScorecardsRepository } from './scorecards.repository';

/** Admins' view of how interviewers score each prompt, from submitted interviewer scorecards. */
@Injectable()
export class CalibrationService {
  constructor(
    private readonly scorecards: ScorecardsRepository,
    private readonly prompts: PromptsService,
  ) {}

  async calibration(): Promise<AdminCalibrationResponse> {
    const cards = await this.scorecards.submittedWithPrompt();
    const ratings = await this.scorecards.ratingsWithPrompt();
    return {
      prompts: calibrationByPrompt(
        this.prompts.rubric(),
        this.prompts.all(),
        cards.map((card) => ({
          promptId: card.prompt_id,
          sessionId: card.session_id,
          weightedScore: card.weighted_score === null ? null : Number(card.weighted_score),
          levels: levelsById(card.dimensions),
        })),
        ratings.map((rating) => ({
          promptId: rating.prompt_id,
          clarity: Number(rating.clarity),
          helpfulness: Number(rating.helpfulness),
        })),
      ),
    };
  }
}

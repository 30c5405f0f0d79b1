import { Injectable } from '@nestjs/common';
import type { AdminCalibrationResponse } from '@mockboard/contracts';
import { calibrationByPrompt, levelsById } from '@mockboard/rubric';
import { PromptsService } from '../prompts/prompts.service';
import { InterviewerRatingsRepository } from './interviewer-ratings.repository';
import { ScorecardsRepository } from './scorecards.repository';

/** Admins' view of how interviewers score each prompt, from submitted interviewer scorecards. */
@Injectable()
export class CalibrationService {
  constructor(
    private readonly scorecards: ScorecardsRepository,
    private readonly ratings: InterviewerRatingsRepository,
    private readonly prompts: PromptsService,
  ) {}

  async calibration(): Promise<AdminCalibrationResponse> {
    const cards = await this.scorecards.submittedWithPrompt();
    const ratings = await this.ratings.withPrompt();
    return {
      prompts: calibrationByPrompt(
        this.prompts.rubric(),
        this.prompts.all(),
        cards.map(({ dimensions, ...card }) => ({ ...card, levels: levelsById(dimensions) })),
        ratings,
      ),
    };
  }
}

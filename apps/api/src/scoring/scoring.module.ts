import { Module } from '@nestjs/common';
import { PromptsModule } from '../prompts/prompts.module';
import { RevealedHintsModule } from '../room/hints/revealed-hints.module';
import { SessionsModule } from '../sessions/sessions.module';
import { CalibrationController } from './calibration.controller';
import { CalibrationService } from './calibration.service';
import { InterviewerRatingsRepository } from './interviewer-ratings.repository';
import { PortfolioController, SharedCaseStudyController } from './portfolio.controller';
import { PortfolioRepository } from './portfolio.repository';
import { PortfolioService } from './portfolio.service';
import { ProgressController } from './progress.controller';
import { ProgressService } from './progress.service';
import { RatingsService } from './ratings.service';
import { RevealSweeper } from './reveal-sweeper.service';
import { RevealService } from './reveal.service';
import { ScorecardsController } from './scorecards.controller';
import { ScorecardsRepository } from './scorecards.repository';
import { ScorecardsService } from './scorecards.service';

/** Issue 5: scorecards and their reveal, progress, the portfolio and share links, calibration. */
@Module({
  imports: [SessionsModule, PromptsModule, RevealedHintsModule],
  controllers: [
    ScorecardsController,
    ProgressController,
    PortfolioController,
    SharedCaseStudyController,
    CalibrationController,
  ],
  providers: [
    ScorecardsRepository,
    InterviewerRatingsRepository,
    PortfolioRepository,
    RevealService,
    RevealSweeper,
    ScorecardsService,
    RatingsService,
    ProgressService,
    PortfolioService,
    CalibrationService,
  ],
})
export class ScoringModule {}

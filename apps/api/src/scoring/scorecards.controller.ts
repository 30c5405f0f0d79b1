import { Controller, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  InterviewerRatingWriteSchema,
  ScorecardHistoryQuerySchema,
  ScorecardWriteSchema,
  type InterviewerRating,
  type RoundFeedback,
  type Scorecard,
  type ScorecardHistoryQuery,
  type ScorecardHistoryResponse,
} from '@mockboard/contracts';
import { CurrentUser } from '../auth/access.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ValidBody, ValidQuery } from '../common/validated.decorators';
import { RatingsService, type RatingInput } from './ratings.service';
import { ScorecardsService, type ScorecardInput } from './scorecards.service';

@ApiTags('scoring')
@Controller('sessions/:id/rounds/:round')
export class ScorecardsController {
  constructor(
    private readonly scorecards: ScorecardsService,
    private readonly ratings: RatingsService,
  ) {}

  @Put('scorecard')
  @ApiOperation({
    summary:
      'Autosave your scorecard for the round, or submit it (`submit: true`, every dimension scored). ' +
      'Interviewer: about the candidate; candidate: a self-assessment. Editable until revealed.',
  })
  save(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('round', ParseIntPipe) round: number,
    @ValidBody(ScorecardWriteSchema) body: ScorecardInput,
  ): Promise<Scorecard> {
    return this.scorecards.save(user, id, round, body);
  }

  @Get('scorecard')
  @ApiOperation({
    summary:
      "The round's feedback you may read: your own scorecards, and the one about you once revealed " +
      '(after you gave your own feedback, or 24 hours after the session); the hints used; and, ' +
      'when you interviewed the round, your own private notes from the room',
  })
  feedback(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('round', ParseIntPipe) round: number,
  ): Promise<RoundFeedback> {
    return this.scorecards.feedback(user, id, round);
  }

  @Get('scorecard/history')
  @ApiOperation({ summary: 'Every saved version of a scorecard, oldest first (its author and admins)' })
  history(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('round', ParseIntPipe) round: number,
    @ValidQuery(ScorecardHistoryQuerySchema) query: ScorecardHistoryQuery,
  ): Promise<ScorecardHistoryResponse> {
    return this.scorecards.history(user, id, round, query.kind);
  }

  @Put('rating')
  @ApiOperation({
    summary: "The candidate's private rating of the round's interviewer (clarity, helpfulness 1–5)",
  })
  rate(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('round', ParseIntPipe) round: number,
    @ValidBody(InterviewerRatingWriteSchema) body: RatingInput,
  ): Promise<InterviewerRating> {
    return this.ratings.rate(user, id, round, body);
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { InterviewerRating, InterviewerRatingWriteSchema } from '@mockboard/contracts';
import type { AuthUser } from '../auth/auth-user';
import { conflict, forbidden } from '../common/domain-error';
import { SessionViewsService } from '../sessions/session-views.service';
import { SessionRecordsService } from '../sessions/session-records.service';
import { RevealService } from './reveal.service';
import { requireFeedbackOpen, roundOf, toRatingView } from './scorecard-view';
import { InterviewerRatingsRepository } from './interviewer-ratings.repository';
import { ScorecardsRepository } from './scorecards.repository';

export type RatingInput = z.infer<typeof InterviewerRatingWriteSchema>;

/**
 * The candidate's private rating of their interviewer. The interviewer never reads it; admins see
 * it on the round and, averaged, in calibration. In a single session it is the candidate's
 * feedback that unlocks the interviewer's scorecard, so, like a scorecard, it can be changed only
 * until that feedback has been revealed.
 */
@Injectable()
export class RatingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly views: SessionViewsService,
    private readonly sessions: SessionRecordsService,
    private readonly scorecards: ScorecardsRepository,
    private readonly ratings: InterviewerRatingsRepository,
    private readonly reveal: RevealService,
  ) {}

  async rate(
    user: AuthUser,
    sessionId: string,
    roundNumber: number,
    input: RatingInput,
    now = new Date(),
  ): Promise<InterviewerRating> {
    const record = await this.views.visibleRecord(user, sessionId);
    const round = roundOf(record, roundNumber);
    if (record.session.kind === 'solo') {
      throw conflict('A solo session has no interviewer to rate');
    }
    if (round.candidateId !== user.id) {
      throw forbidden(`Only round ${roundNumber}'s candidate rates its interviewer`);
    }
    requireFeedbackOpen(record, now);
    const saved = await this.dataSource.transaction(async (manager) => {
      const locked = (await this.sessions.lock(manager, sessionId))!;
      requireFeedbackOpen(locked, now);
      await this.reveal.revealDue([locked], now, manager);
      const theirs = await this.scorecards.lock(manager, sessionId, roundNumber, 'interviewer');
      if (theirs?.revealedAt) {
        throw conflict(
          `Your rating closed when your interviewer's feedback was revealed to you (${theirs.revealedAt.toISOString()})`,
        );
      }
      const row = await this.ratings.save(
        manager,
        {
          sessionId: sessionId,
          round: roundNumber,
          raterId: user.id,
          interviewerId: round.interviewerId,
          clarity: input.clarity,
          helpfulness: input.helpfulness,
          comment: input.comment,
        },
        now,
      );
      await this.reveal.revealDue([locked], now, manager);
      return row;
    });
    return toRatingView(saved);
  }
}

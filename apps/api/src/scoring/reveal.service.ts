import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { roundsToReveal } from '@mockboard/rubric';
import type { SessionRecord } from '../scheduling/sessions.repository';
import { ScorecardsRepository } from './scorecards.repository';

/**
 * Applies the reveal rule (libs/rubric `roundsToReveal`). There is no timer: every read and write
 * of feedback first reveals what is due by now, so `revealed_at` records the first moment the
 * scorecard could be seen, give or take the next request, and writes after it are refused.
 */
@Injectable()
export class RevealService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scorecards: ScorecardsRepository,
  ) {}

  async revealDue(
    records: SessionRecord[],
    now: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const peer = records.filter((record) => record.session.kind === 'peer');
    if (peer.length === 0) return;
    const ids = peer.map((record) => record.session.id);
    const cards = await this.scorecards.forSessions(ids, manager);
    const ratings = await this.scorecards.ratingsForSessions(ids, manager);
    for (const record of peer) {
      const id = record.session.id;
      const due = roundsToReveal(
        {
          format: record.session.format,
          endsAt: record.session.ends_at,
          interviewerCards: cards
            .filter((card) => card.session_id === id && card.kind === 'interviewer')
            .map((card) => ({
              round: card.round,
              authorId: card.author_id,
              subjectId: card.subject_id,
              submitted: card.submitted_at !== null,
              revealed: card.revealed_at !== null,
            })),
          ratedRounds: ratings.filter((rating) => rating.session_id === id).map((rating) => rating.round),
        },
        now,
      );
      await this.scorecards.markRevealed(manager, id, due, now);
    }
  }
}

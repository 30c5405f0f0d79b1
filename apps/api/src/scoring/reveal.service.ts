import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { roundsToReveal } from '@mockboard/rubric';
import { MailService } from '../mail/mail.service';
import type { SessionRecord } from '../sessions/session-record';
import { feedbackReadyMail } from '../mail/requests/session-mail-requests';
import { InterviewerRatingsRepository } from './interviewer-ratings.repository';
import { ScorecardsRepository } from './scorecards.repository';

/**
 * Applies the reveal rule (libs/rubric `roundsToReveal`). Every read and write of feedback first
 * reveals what is due by now, and the reveal sweep (RevealSweeper) does the same for sessions
 * nobody opens, so `revealed_at` records the first moment the scorecard could be seen, give or
 * take a sweep, and writes after it are refused. Each reveal asks for the "feedback ready" mail
 * to the scorecard's subject in the same transaction as `revealed_at`.
 */
@Injectable()
export class RevealService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scorecards: ScorecardsRepository,
    private readonly ratings: InterviewerRatingsRepository,
    private readonly mail: MailService,
  ) {}

  /**
   * Reveals what is due in `manager`'s transaction, or (without one) in a transaction of its own,
   * opened only when something is due: most reads find nothing to reveal.
   */
  async revealDue(records: SessionRecord[], now: Date, manager?: EntityManager): Promise<void> {
    const peer = records.filter((record) => record.session.kind === 'peer');
    if (peer.length === 0) return;
    const due = await this.dueRounds(peer, now, manager ?? this.dataSource.manager);
    if (due.size === 0) return;
    const reveal = async (writer: EntityManager) => {
      for (const [sessionId, rounds] of due) {
        const revealed = await this.scorecards.markRevealed(writer, sessionId, rounds, now);
        for (const card of revealed.filter((each) => each.kind === 'interviewer')) {
          await this.mail.enqueue(writer, feedbackReadyMail(sessionId, card.round, card.subjectId));
        }
      }
    };
    if (manager) await reveal(manager);
    else await this.dataSource.transaction(reveal);
  }

  private async dueRounds(
    peer: SessionRecord[],
    now: Date,
    manager: EntityManager,
  ): Promise<Map<string, number[]>> {
    const ids = peer.map((record) => record.session.id);
    const cards = await this.scorecards.forSessions(ids, manager);
    const ratings = await this.ratings.forSessions(ids, manager);
    const due = new Map<string, number[]>();
    for (const record of peer) {
      const id = record.session.id;
      const rounds = roundsToReveal(
        {
          format: record.session.format,
          endsAt: record.session.endsAt,
          interviewerCards: cards
            .filter((card) => card.sessionId === id && card.kind === 'interviewer')
            .map((card) => ({
              round: card.round,
              authorId: card.authorId,
              subjectId: card.subjectId,
              submitted: card.submittedAt !== null,
              revealed: card.revealedAt !== null,
            })),
          ratedRounds: ratings.filter((rating) => rating.sessionId === id).map((rating) => rating.round),
          skippedRounds: record.rounds.filter((round) => round.skipped).map((round) => round.number),
        },
        now,
      );
      if (rounds.length > 0) due.set(id, rounds);
    }
    return due;
  }
}

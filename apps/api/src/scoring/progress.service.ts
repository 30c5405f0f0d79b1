import { Injectable } from '@nestjs/common';
import type { ProgressResponse } from '@mockboard/contracts';
import { compareForRoadmap } from '@mockboard/prompts';
import {
  averageOf,
  dimensionProgress,
  levelsById,
  strongestAndWeakest,
  weekStreak,
  type ScoredRound,
} from '@mockboard/rubric';
import { sessionAllows } from '@mockboard/schedule';
import type { AuthUser } from '../auth/auth-user';
import { PromptsService } from '../prompts/prompts.service';
import { SessionRecordsService } from '../sessions/session-records.service';
import type { SessionRecord } from '../sessions/session-record';
import { RevealService } from './reveal.service';
import { ScorecardsRepository, type StoredScorecard } from './scorecards.repository';

export function whiteboardUrl(sessionId: string): string {
  return `/api/sessions/${sessionId}/whiteboard.svg`;
}

/** The signed-in user's progress: trends per dimension, calibration, prompts, streak and history. */
@Injectable()
export class ProgressService {
  constructor(
    private readonly sessions: SessionRecordsService,
    private readonly scorecards: ScorecardsRepository,
    private readonly reveal: RevealService,
    private readonly prompts: PromptsService,
  ) {}

  async progress(user: AuthUser, now = new Date()): Promise<ProgressResponse> {
    const all = await this.sessions.forUser(user.id);
    await this.reveal.revealDue(all, now);
    // Every figure below is made of the same sessions (libs/schedule session-lifecycle.ts), so the
    // count, the prompts, the streak, the history and the charts always agree.
    const records = all.filter((record) => sessionAllows(record.session.status, 'count_as_completed'));
    const cards = await this.scorecards.forSessions(records.map((record) => record.session.id));
    const byId = new Map(records.map((record) => [record.session.id, record]));
    const scored = (card: StoredScorecard): ScoredRound => ({
      sessionId: card.sessionId,
      round: card.round,
      at: byId.get(card.sessionId)!.session.startsAt,
      levels: levelsById(card.dimensions),
    });

    // Partners' scores count once the user could see them; their own only once submitted.
    const aboutMe = cards.filter(
      (card) => card.kind === 'interviewer' && card.subjectId === user.id && card.revealedAt,
    );
    const mySelf = cards.filter(
      (card) => card.kind === 'self' && card.authorId === user.id && card.submittedAt,
    );
    const rubric = this.prompts.rubric();
    const dimensions = dimensionProgress(rubric, aboutMe.map(scored), mySelf.map(scored));

    return {
      dimensions,
      ...strongestAndWeakest(dimensions),
      ...this.promptsDone(user.id, records),
      // A completed session held before its scheduled start was held by now, in this week at the latest.
      streakWeeks: weekStreak(
        records.map((record) => (record.session.startsAt < now ? record.session.startsAt : now)),
        now,
        user.timezone,
      ),
      history: [...records].reverse().map((record) => ({
        sessionId: record.session.id,
        startsAt: record.session.startsAt.toISOString(),
        status: record.session.status,
        promptTitles: record.rounds.flatMap((round) => {
          if (round.skipped) return [];
          const title = round.promptId ? this.prompts.get(round.promptId)?.title : undefined;
          return title ? [title] : [];
        }),
        weightedScore: averageOf(
          aboutMe
            .filter((card) => card.sessionId === record.session.id)
            .flatMap((card) => (card.weightedScore === null ? [] : [card.weightedScore])),
        ),
        thumbnailUrl: whiteboardUrl(record.session.id),
      })),
    };
  }

  /** Prompts answered as the candidate in completed sessions, and the rest, in roadmap order. */
  private promptsDone(userId: string, records: SessionRecord[]) {
    const done = new Set(
      records
        .flatMap((record) => record.rounds)
        .filter((round) => round.candidateId === userId && round.promptId && !round.skipped)
        .map((round) => round.promptId!),
    );
    const library = [...this.prompts.all()]
      .sort(compareForRoadmap)
      .map((prompt) => ({ id: prompt.id, title: prompt.title }));
    return {
      promptsDone: library.filter((prompt) => done.has(prompt.id)),
      promptsNotDone: library.filter((prompt) => !done.has(prompt.id)),
    };
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import type {
  RoundFeedback,
  Scorecard,
  ScorecardHistoryResponse,
  ScorecardKind,
  ScorecardWriteSchema,
} from '@mockboard/contracts';
import {
  dimensionsInRubricOrder,
  levelsById,
  planRevision,
  revealDeadline,
  revisionsToPrune,
  scorecardProblems,
  submissionProblems,
  weightedScore,
} from '@mockboard/rubric';
import type { AuthUser } from '../auth/auth-user';
import { conflict, forbidden } from '../common/domain-error';
import { RequestValidationError } from '../common/zod-validation.pipe';
import { PromptsService } from '../prompts/prompts.service';
import { RevealedHintsService } from '../room/hints/revealed-hints.service';
import { SessionViewsService } from '../sessions/session-views.service';
import { SessionRecordsService } from '../sessions/session-records.service';
import { RevealService } from './reveal.service';
import {
  authorOf,
  requireAuthor,
  requireFeedbackOpen,
  roundOf,
  toRatingView,
  toScorecardView,
} from './scorecard-view';
import { InterviewerRatingsRepository } from './interviewer-ratings.repository';
import { ScorecardsRepository, type StoredScorecard } from './scorecards.repository';
import { PortfolioRepository } from './portfolio.repository';

export type ScorecardInput = z.infer<typeof ScorecardWriteSchema>;

/** The database's trigger refused to change a revealed scorecard (see the scoring migration). */
function isFrozenByDatabase(error: unknown): boolean {
  const failed = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  return (failed?.driverError?.code ?? failed?.code) === '55000';
}

/**
 * Scorecards: drafts autosaved, submitted once complete, revealed to their subject by the reveal
 * rule, immutable afterwards, and their saves kept as a bounded trail of revisions.
 */
@Injectable()
export class ScorecardsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly views: SessionViewsService,
    private readonly sessions: SessionRecordsService,
    private readonly scorecards: ScorecardsRepository,
    private readonly ratings: InterviewerRatingsRepository,
    private readonly reveal: RevealService,
    private readonly prompts: PromptsService,
    private readonly hints: RevealedHintsService,
    private readonly portfolio: PortfolioRepository,
  ) {}

  async save(
    user: AuthUser,
    sessionId: string,
    roundNumber: number,
    input: ScorecardInput,
    now = new Date(),
  ): Promise<Scorecard> {
    const record = await this.views.visibleRecord(user, sessionId);
    const round = roundOf(record, roundNumber);
    requireAuthor(record, round, input.kind, user.id);
    requireFeedbackOpen(record, now);
    const rubric = this.prompts.rubric();
    const problems = scorecardProblems(rubric, input);
    if (problems.length > 0) throw new RequestValidationError('body', problems);

    const saved = await this.dataSource
      .transaction(async (manager) => {
        // The session lock queues every feedback write of this session, so the reveal check and
        // the write it guards cannot interleave with a partner's submission.
        const locked = (await this.sessions.lock(manager, sessionId))!;
        // Checked again under the lock: the sweeper may have settled the session meanwhile.
        requireFeedbackOpen(locked, now);
        await this.reveal.revealDue([locked], now, manager);
        const existing = await this.scorecards.lock(manager, sessionId, roundNumber, input.kind);
        if (existing?.revealedAt) throw conflict(frozenMessage(existing));
        if (input.kind === 'self') {
          // A self-assessment is blind: it closes when the interviewer's feedback is revealed.
          const theirs = await this.scorecards.lock(manager, sessionId, roundNumber, 'interviewer');
          if (theirs?.revealedAt) {
            throw conflict(
              `Your self-assessment closed when your interviewer's feedback was revealed (${theirs.revealedAt.toISOString()})`,
            );
          }
        }
        // Once submitted, a scorecard stays submitted: later edits must keep it complete.
        const submitting = input.submit || Boolean(existing?.submittedAt);
        if (submitting) {
          const missing = submissionProblems(rubric, input);
          if (missing.length > 0) throw new RequestValidationError('body', missing);
        }
        const dimensions = dimensionsInRubricOrder(rubric, input.dimensions);
        const row = await this.scorecards.save(
          manager,
          {
            sessionId: sessionId,
            round: roundNumber,
            kind: input.kind,
            authorId: user.id,
            subjectId: round.candidateId,
            dimensions,
            strengths: input.strengths,
            improvements: input.improvements,
            recommendation: input.recommendation,
            performedAtLevel: input.performedAtLevel,
            weightedScore: weightedScore(rubric, levelsById(dimensions)),
          },
          submitting,
          now,
        );
        await this.recordRevision(manager, toScorecardView(row), user.id, now);
        await this.reveal.revealDue([locked], now, manager);
        await this.scorecards.completeWhenScored(manager, sessionId);
        return this.scorecards.lock(manager, sessionId, roundNumber, input.kind);
      })
      .catch((error: unknown) => {
        if (isFrozenByDatabase(error)) {
          throw conflict('This scorecard was revealed meanwhile and can no longer be changed');
        }
        throw error;
      });
    return toScorecardView(saved!);
  }

  /**
   * Adds the save to the scorecard's audit trail, folded into the latest revision or pruned past
   * the cap as libs/rubric's revision policy says. The caller holds the session lock.
   */
  private async recordRevision(
    manager: EntityManager,
    snapshot: Scorecard,
    editedBy: string,
    at: Date,
  ): Promise<void> {
    const key = [snapshot.sessionId, snapshot.round, snapshot.kind] as const;
    const marks = await this.scorecards.revisionMarks(manager, ...key);
    const plan = planRevision(marks, { editedBy, status: snapshot.status, at });
    const kept = marks.filter((mark) => mark.revision !== plan.revision);
    if (plan.action === 'replace') await this.scorecards.deleteRevisions(manager, ...key, [plan.revision]);
    await this.scorecards.insertRevision(manager, snapshot, { ...plan, editedBy, at });
    const after = [
      ...kept,
      { revision: plan.revision, editedBy, status: snapshot.status, startedAt: plan.startedAt },
    ];
    await this.scorecards.deleteRevisions(manager, ...key, revisionsToPrune(after));
  }

  /** What the caller may read of a round's feedback (admins read everything). */
  async feedback(
    user: AuthUser,
    sessionId: string,
    roundNumber: number,
    now = new Date(),
  ): Promise<RoundFeedback> {
    const record = await this.views.visibleRecord(user, sessionId);
    const round = roundOf(record, roundNumber);
    await this.reveal.revealDue([record], now);
    const cards = (await this.scorecards.forSessions([sessionId])).filter(
      (card) => card.round === roundNumber,
    );
    const rating = (await this.ratings.forSessions([sessionId])).find((row) => row.round === roundNumber);
    const interviewerCard = cards.find((card) => card.kind === 'interviewer');
    const selfCard = cards.find((card) => card.kind === 'self');

    const admin = user.role === 'admin';
    const isInterviewer = round.interviewerId === user.id;
    const isCandidate = round.candidateId === user.id;
    const seesInterviewerCard =
      admin || isInterviewer || (isCandidate && Boolean(interviewerCard?.revealedAt));
    const hidden = isCandidate && !seesInterviewerCard && Boolean(interviewerCard?.submittedAt);
    return {
      sessionId,
      round: roundNumber,
      interviewerId: round.interviewerId,
      candidateId: round.candidateId,
      interviewer: interviewerCard && seesInterviewerCard ? toScorecardView(interviewerCard) : null,
      self: selfCard && (admin || isCandidate) ? toScorecardView(selfCard) : null,
      // The rating is the candidate's private word on the interviewer: never shown to them.
      rating: rating && (admin || isCandidate) ? toRatingView(rating) : null,
      hiddenUntil: hidden ? revealDeadline(record.session.endsAt).toISOString() : null,
      // The candidate read each hint in the room, so both sides see them here, with what they weigh.
      hints: await this.hints.weighed(sessionId, roundNumber),
      myNotes: isInterviewer ? await this.portfolio.noteOf(sessionId, roundNumber, user.id) : null,
    };
  }

  /** Every saved version of a scorecard, oldest first: for its author and for admins. */
  async history(
    user: AuthUser,
    sessionId: string,
    roundNumber: number,
    kind: ScorecardKind,
  ): Promise<ScorecardHistoryResponse> {
    const record = await this.views.visibleRecord(user, sessionId);
    const round = roundOf(record, roundNumber);
    if (user.role !== 'admin' && authorOf(record, round, kind) !== user.id) {
      throw forbidden("Only a scorecard's author and admins read its history");
    }
    const rows = await this.scorecards.revisions(sessionId, roundNumber, kind);
    return {
      revisions: rows.map((row) => ({
        revision: row.revision,
        editedBy: row.editedBy,
        editedAt: row.editedAt.toISOString(),
        snapshot: row.snapshot,
      })),
    };
  }
}

function frozenMessage(row: StoredScorecard): string {
  const when = row.revealedAt!.toISOString();
  return row.kind === 'interviewer'
    ? `This scorecard was revealed to the candidate at ${when} and can no longer be changed`
    : `Your self-assessment closed when your interviewer's feedback was revealed (${when})`;
}

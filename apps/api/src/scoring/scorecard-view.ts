import { ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import type { InterviewerRating, Scorecard, ScorecardKind } from '@mockboard/contracts';
import type { StoredRound, SessionRecord } from '../sessions/sessions.repository';
import type { RatingRow, ScorecardRow } from './scorecards.repository';

/** The wire view of a stored scorecard. */
export function toScorecardView(row: ScorecardRow): Scorecard {
  return {
    sessionId: row.session_id,
    round: row.round,
    kind: row.kind,
    authorId: row.author_id,
    subjectId: row.subject_id,
    dimensions: row.dimensions,
    strengths: row.strengths,
    improvements: row.improvements,
    recommendation: row.recommendation,
    performedAtLevel: row.performed_at_level,
    weightedScore: row.weighted_score === null ? null : Number(row.weighted_score),
    status: row.submitted_at ? 'submitted' : 'draft',
    submittedAt: row.submitted_at?.toISOString() ?? null,
    revealedAt: row.revealed_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toRatingView(row: RatingRow): InterviewerRating {
  return {
    clarity: Number(row.clarity),
    helpfulness: Number(row.helpfulness),
    comment: row.comment,
    updatedAt: row.updated_at.toISOString(),
  };
}

export function roundOf(record: SessionRecord, round: number): StoredRound {
  const found = record.rounds.find((candidate) => candidate.number === round);
  if (!found) throw new NotFoundException(`This session has no round ${round}`);
  return found;
}

/** Who writes each kind of scorecard: the round's interviewer about the candidate, the candidate about themselves. */
export function authorOf(record: SessionRecord, round: StoredRound, kind: ScorecardKind): string {
  if (kind === 'interviewer' && record.session.kind === 'solo') {
    throw new ConflictException('A solo session has no interviewer; write a self-assessment instead');
  }
  return kind === 'interviewer' ? round.interviewerId : round.candidateId;
}

export function requireAuthor(
  record: SessionRecord,
  round: StoredRound,
  kind: ScorecardKind,
  userId: string,
): void {
  if (authorOf(record, round, kind) !== userId) {
    throw new ForbiddenException(
      kind === 'interviewer'
        ? `Only round ${round.number}'s interviewer writes its interviewer scorecard`
        : `Only round ${round.number}'s candidate writes its self-assessment`,
    );
  }
}

/** Feedback is written once the session has started, and never for one that did not take place. */
export function requireFeedbackOpen(record: SessionRecord, now: Date): void {
  const { status, startsAt } = record.session;
  if (status === 'cancelled' || status === 'no_show') {
    throw new ConflictException(
      `The session is ${status === 'no_show' ? 'a no-show' : 'cancelled'}; it takes no feedback`,
    );
  }
  // An interview ended early in the room (status scoring) takes feedback at once.
  if (now < startsAt && status !== 'scoring' && status !== 'completed') {
    throw new ConflictException(`Feedback opens when the session starts, at ${startsAt.toISOString()}`);
  }
}

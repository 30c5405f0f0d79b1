import type { InterviewerRating, Scorecard, ScorecardKind } from '@mockboard/contracts';
import { sessionAllows } from '@mockboard/schedule';
import { conflict, forbidden, notFound } from '../common/domain-error';
import type { StoredRound, SessionRecord } from '../sessions/session-record';
import type { StoredRating } from './interviewer-ratings.repository';
import type { StoredScorecard } from './scorecards.repository';

/** The wire view of a stored scorecard. */
export function toScorecardView(row: StoredScorecard): Scorecard {
  return {
    sessionId: row.sessionId,
    round: row.round,
    kind: row.kind,
    authorId: row.authorId,
    subjectId: row.subjectId,
    dimensions: row.dimensions,
    strengths: row.strengths,
    improvements: row.improvements,
    recommendation: row.recommendation,
    performedAtLevel: row.performedAtLevel,
    weightedScore: row.weightedScore,
    status: row.submittedAt ? 'submitted' : 'draft',
    submittedAt: row.submittedAt?.toISOString() ?? null,
    revealedAt: row.revealedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toRatingView(row: StoredRating): InterviewerRating {
  return {
    clarity: row.clarity,
    helpfulness: row.helpfulness,
    comment: row.comment,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function roundOf(record: SessionRecord, round: number): StoredRound {
  const found = record.rounds.find((candidate) => candidate.number === round);
  if (!found) throw notFound(`This session has no round ${round}`);
  return found;
}

/** Who writes each kind of scorecard: the round's interviewer about the candidate, the candidate about themselves. */
export function authorOf(record: SessionRecord, round: StoredRound, kind: ScorecardKind): string {
  if (kind === 'interviewer' && record.session.kind === 'solo') {
    throw conflict('A solo session has no interviewer; write a self-assessment instead');
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
    throw forbidden(
      kind === 'interviewer'
        ? `Only round ${round.number}'s interviewer writes its interviewer scorecard`
        : `Only round ${round.number}'s candidate writes its self-assessment`,
    );
  }
}

/** Feedback is written once the session has started, and never for one that did not take place. */
export function requireFeedbackOpen(record: SessionRecord, now: Date): void {
  const { status, startsAt } = record.session;
  if (!sessionAllows(status, 'take_feedback')) {
    throw conflict(
      `The session is ${status === 'no_show' ? 'a no-show' : 'cancelled'}; it takes no feedback`,
    );
  }
  // An interview that took place takes feedback at once, even one ended early in the room.
  if (now < startsAt && !sessionAllows(status, 'count_as_completed')) {
    throw conflict(`Feedback opens when the session starts, at ${startsAt.toISOString()}`);
  }
}

import type { RoundFeedback, Session } from '@mockboard/contracts';
import { playedRounds } from '../session/session-facts';

/**
 * Where a candidate's self-assessment stands. The server's rule (scorecards.service.ts with
 * libs/rubric reveal.ts): it is written blind, so it can be submitted until the interviewer's
 * scorecard about the candidate is revealed, and closes then, submitted or not.
 */
export type SelfAssessmentState = 'open' | 'submitted' | 'closed';

export function selfAssessmentState(
  feedback: Pick<RoundFeedback, 'self' | 'interviewer'>,
): SelfAssessmentState {
  if (feedback.self?.status === 'submitted') return 'submitted';
  // The candidate is sent the interviewer's scorecard only once it is revealed.
  return feedback.interviewer ? 'closed' : 'open';
}

/** Feedback shows at the latest this long after the session's scheduled end (libs/rubric reveal.ts). */
const REVEAL_AFTER_MS = 24 * 60 * 60 * 1000;

export function revealDeadline(session: Pick<Session, 'endsAt'>): Date {
  return new Date(Date.parse(session.endsAt) + REVEAL_AFTER_MS);
}

/**
 * What of the candidate's own closes their self-assessment of `round` (by revealing the
 * interviewer's feedback): in a swap, submitting their scorecard as the other round's interviewer;
 * in a single session, rating their interviewer.
 */
export type SelfAssessmentCloser = { kind: 'scorecard'; round: number } | { kind: 'rating' };

export function selfAssessmentCloser(
  session: Pick<Session, 'rounds'>,
  round: number,
  userId: string,
): SelfAssessmentCloser {
  // A round the interview ended before cannot be scored for this: rating the interviewer is left.
  const other = playedRounds(session).find(
    (candidate) => candidate.number !== round && candidate.interviewerId === userId,
  );
  return other ? { kind: 'scorecard', round: other.number } : { kind: 'rating' };
}

/** "when you submit your round 2 scorecard about Grace" / "when you rate Grace". */
export function closerWords(closer: SelfAssessmentCloser, partnerName: string): string {
  return closer.kind === 'scorecard'
    ? `when you submit your round ${closer.round} scorecard about ${partnerName}`
    : `when you rate ${partnerName}`;
}

/**
 * The round (if any) whose self-assessment submitting the interviewer scorecard of `round` would
 * close: the other round of a swap, where the user is the candidate.
 */
export function selfAssessmentRoundClosedBy(
  session: Pick<Session, 'rounds'>,
  round: number,
  userId: string,
): number | null {
  const other = playedRounds(session).find(
    (candidate) =>
      candidate.number !== round && candidate.candidateId === userId && candidate.interviewerId !== userId,
  );
  return other ? other.number : null;
}

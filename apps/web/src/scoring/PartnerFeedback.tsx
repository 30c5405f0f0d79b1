import type { Rubric, RoundFeedback, Session } from '@mockboard/contracts';
import { Link } from 'react-router-dom';
import { playedRounds } from '../session/session-facts';
import { formatDateTime, timeZoneSuffix } from '../time/format';
import { ScorecardView } from './ScorecardView';

interface PartnerFeedbackProps {
  session: Session;
  feedback: RoundFeedback;
  rubric: Rubric;
  /** The caller is this round's candidate (so the interviewer's card is about them). */
  candidate: boolean;
  userId: string;
  partnerName: string;
  zone: string;
}

/**
 * The other side's scorecard once revealed. Before that the candidate learns what unlocks it (the
 * server's rule, libs/rubric reveal.ts): their own feedback about the partner, or the deadline,
 * shown in their own time zone.
 */
export function PartnerFeedback(props: PartnerFeedbackProps) {
  const { session, feedback, rubric, candidate, userId, partnerName, zone } = props;
  const theirs = candidate ? feedback.interviewer : feedback.self;
  if (theirs && theirs.authorId !== userId) {
    return (
      <ScorecardView
        scorecard={theirs}
        rubric={rubric}
        zone={zone}
        title={candidate ? `Feedback from ${partnerName}` : `${partnerName}’s self-assessment`}
      />
    );
  }
  if (!candidate) return null;

  const deadline = feedback.hiddenUntil
    ? `${formatDateTime(new Date(feedback.hiddenUntil), zone)}${timeZoneSuffix(zone)}`
    : null;
  // In a swap session "yours" is the scorecard the caller writes as the other round's interviewer
  // (unless the interview ended before that round: then, as in a single session, their rating).
  const otherRound = playedRounds(session).find(
    (round) => round.number !== feedback.round && round.interviewerId === userId,
  );
  return (
    <section className="notice feedback-locked" aria-labelledby="partner-feedback-title">
      <h2 id="partner-feedback-title" className="feedback-locked__title">
        <span className="lock-icon" aria-hidden="true" />
        Feedback from {partnerName}
      </h2>
      {deadline ? (
        <p>
          {otherRound
            ? `Your partner’s feedback unlocks when you submit yours (or on ${deadline}).`
            : `Your partner’s feedback unlocks when you rate ${partnerName} below (or on ${deadline}).`}
          {otherRound && (
            <>
              {' '}
              <Link to={`/sessions/${encodeURIComponent(session.id)}/rounds/${otherRound.number}/score`}>
                Score round {otherRound.number}
              </Link>
            </>
          )}
        </p>
      ) : (
        <p>{partnerName} has not submitted feedback on this round yet.</p>
      )}
    </section>
  );
}

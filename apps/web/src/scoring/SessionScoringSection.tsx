import type { Round, Session, User } from '@mockboard/contracts';
import { sessionAllows } from '@mockboard/schedule';
import { Link } from 'react-router-dom';
import { getRoundFeedback } from '../api/scoring';
import { useResource } from '../hooks/useResource';
import { CaseStudyPanel } from '../portfolio/CaseStudyPanel';
import { closerWords, selfAssessmentCloser, selfAssessmentState } from './self-assessment';

/** On the session page: a scorecard link per round, then the case study's download and share. */
export function SessionScoringSection({ session, user }: { session: Session; user: User }) {
  if (!sessionAllows(session.status, 'score')) return null;
  const mine = session.rounds.filter((round) => [round.interviewerId, round.candidateId].includes(user.id));
  // Nothing to score in a round the interview ended before; it is named, so its absence is clear.
  const skipped = mine.filter((round) => round.skipped);
  return (
    <>
      <section className="session-section" aria-labelledby="scoring-title">
        <h2 id="scoring-title">Feedback</h2>
        <p className="session-section__note">
          Score each round on the rubric. Feedback about you unlocks once you have given yours.
        </p>
        <ul className="score-links">
          {mine
            .filter((round) => !round.skipped)
            .map((round) => (
              <RoundScoreLink key={round.number} session={session} round={round} user={user} />
            ))}
        </ul>
        {skipped.map((round) => (
          <p key={round.number} className="session-section__note">
            Round {round.number} did not take place: the interview ended in round {round.number - 1}.
          </p>
        ))}
      </section>
      {/* The case study exists once the interview is over. */}
      {sessionAllows(session.status, 'count_as_completed') && <CaseStudyPanel session={session} />}
    </>
  );
}

function RoundScoreLink({ session, round, user }: { session: Session; round: Round; user: User }) {
  const feedback = useResource(`round-feedback:${session.id}:${round.number}`, (signal) =>
    getRoundFeedback(session.id, round.number, signal),
  );
  const interviewing = round.interviewerId === user.id && round.candidateId !== user.id;
  const own =
    feedback.status === 'success' ? (interviewing ? feedback.data.interviewer : feedback.data.self) : null;
  const partner = session.participants.find(
    (participant) =>
      participant.id !== user.id && [round.interviewerId, round.candidateId].includes(participant.id),
  );
  // A candidate's self-assessment closes, submitted or not, once the interviewer's feedback shows.
  const selfState =
    feedback.status === 'success' && partner && !interviewing ? selfAssessmentState(feedback.data) : null;
  const done = own?.status === 'submitted' || selfState === 'closed';
  const what = !partner
    ? 'Your solo round'
    : interviewing
      ? `You interviewed ${partner.displayName}`
      : `${partner.displayName} interviewed you`;

  return (
    <li className="score-link">
      <span className="score-link__text">
        {session.rounds.length > 1 && <span className="round__number">Round {round.number}</span>}
        <span>{what}</span>
        {selfState === 'closed' && (
          <span className="muted">
            Your self-assessment closed unsubmitted when their feedback was revealed.
          </span>
        )}
        {selfState === 'open' && partner && (
          <span className="muted">
            Your self-assessment is open until {partner.displayName}’s feedback about you is revealed,{' '}
            {closerWords(selfAssessmentCloser(session, round.number, user.id), partner.displayName)}, or 24
            hours after the session at the latest.
          </span>
        )}
      </span>
      <Link
        to={`/sessions/${encodeURIComponent(session.id)}/rounds/${round.number}/score`}
        className={`button button--small${done ? ' button--secondary' : ''}`}
        aria-label={`${done ? 'See feedback' : 'Score this round'}${session.rounds.length > 1 ? `: round ${round.number}` : ''}`}
      >
        {done ? 'See feedback' : 'Score this round'}
      </Link>
    </li>
  );
}

import type { Round, Rubric, RoundFeedback, Scorecard, Session, User } from '@mockboard/contracts';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { getRubric } from '../api/rubric';
import { getRoundFeedback } from '../api/scoring';
import { getSession } from '../api/sessions';
import { useAuth } from '../auth/AuthContext';
import { EmptyState, ErrorState, LoadingState } from '../components/StatusViews';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
import { HintsUsed } from '../scoring/HintsUsed';
import { InterviewerRatingForm } from '../scoring/InterviewerRatingForm';
import { PartnerFeedback } from '../scoring/PartnerFeedback';
import { RoomNotes } from '../scoring/RoomNotes';
import { ScorecardForm } from '../scoring/ScorecardForm';
import { formatScore } from '../scoring/scorecard-draft';
import { ScorecardView } from '../scoring/ScorecardView';
import {
  closerWords,
  revealDeadline,
  selfAssessmentCloser,
  selfAssessmentRoundClosedBy,
  selfAssessmentState,
} from '../scoring/self-assessment';
import { usePromptSignals } from '../scoring/usePromptSignals';
import { playedRounds } from '../session/session-facts';
import { formatDateTime, timeZoneSuffix } from '../time/format';

interface Loaded {
  session: Session;
  rubric: Rubric;
  feedback: RoundFeedback;
}

/** Rendered inside <RequireAuth>, so a user is always present. */
export function ScorecardPage() {
  const { id = '', round: roundParam = '' } = useParams();
  const { user } = useAuth();
  const round = Number(roundParam);
  const resource = useResource<Loaded>(`scorecard:${id}:${round}`, async (signal) => {
    const [session, rubric, feedback] = await Promise.all([
      getSession(id, signal),
      getRubric(signal),
      getRoundFeedback(id, round, signal),
    ]);
    return { session, rubric, feedback };
  });
  useDocumentTitle(`Scorecard, round ${roundParam}`);
  if (!user) return null;

  const back = (
    <Link to={`/sessions/${encodeURIComponent(id)}`} className="back-link">
      <span aria-hidden="true">←</span> Session
    </Link>
  );
  if (resource.status !== 'success') {
    return (
      <div className="container page page--narrow">
        {back}
        {resource.status === 'loading' ? (
          <>
            <h1 className="visually-hidden">Scorecard</h1>
            <LoadingState label="Loading the scorecard…" />
          </>
        ) : resource.error.status === 404 ? (
          <EmptyState level={1} title="Scorecard not found">
            <p>This round does not exist, or the session belongs to someone else.</p>
          </EmptyState>
        ) : (
          <ErrorState
            level={1}
            title="Could not load the scorecard"
            error={resource.error}
            onRetry={resource.retry}
          />
        )}
      </div>
    );
  }
  const found = resource.data.session.rounds.find((candidate) => candidate.number === round);
  return (
    <div className="container page page--narrow scorecard-page">
      {back}
      {found ? (
        <ScorecardScreen key={`${id}:${round}`} {...resource.data} round={found} user={user} />
      ) : (
        <EmptyState level={1} title="Round not found">
          <p>This session has {resource.data.session.rounds.length === 1 ? 'one round' : 'two rounds'}.</p>
        </EmptyState>
      )}
    </div>
  );
}

function ScorecardScreen({
  session,
  rubric,
  feedback: loaded,
  round,
  user,
}: Loaded & { round: Round; user: User }) {
  const [feedback, setFeedback] = useState(loaded);
  const [draftScore, setDraftScore] = useState<number | null>(null);
  const signals = usePromptSignals(round.promptId);
  const solo = round.interviewerId === round.candidateId;
  const kind = round.interviewerId === user.id && !solo ? 'interviewer' : 'self';
  const participant = round.interviewerId === user.id || round.candidateId === user.id;
  const partnerId = kind === 'interviewer' ? round.candidateId : round.interviewerId;
  const partnerName =
    session.participants.find((participant) => participant.id === partnerId)?.displayName ?? 'Your partner';
  const own = kind === 'interviewer' ? feedback.interviewer : feedback.self;
  const submitted = own?.status === 'submitted';
  // A self-assessment is written blind: the server closes it once the interviewer's card is revealed.
  const selfClosed = kind === 'self' && !solo && selfAssessmentState(feedback) === 'closed';
  const closer = closerWords(selfAssessmentCloser(session, round.number, user.id), partnerName);
  const deadline = `${formatDateTime(revealDeadline(session), user.timezone)}${timeZoneSuffix(user.timezone)}`;
  // In a swap, this round's interviewer scorecard closes the user's self-assessment of the other.
  const closesRound =
    kind === 'interviewer' && !submitted ? selfAssessmentRoundClosedBy(session, round.number, user.id) : null;
  const openElsewhere = useResource(`self-assessment-open:${session.id}:${closesRound}`, async (signal) =>
    closesRound === null
      ? false
      : selfAssessmentState(await getRoundFeedback(session.id, closesRound, signal)) === 'open',
  );
  const closesOpenSelfAssessment =
    closesRound !== null && openElsewhere.status === 'success' && openElsewhere.data;

  function saved(scorecard: Scorecard) {
    setDraftScore(scorecard.weightedScore);
    setFeedback((current) => ({ ...current, [kind]: scorecard }));
  }

  // What is revealed is the server's decision (libs/rubric reveal.ts): ask again after a change.
  function refresh() {
    getRoundFeedback(session.id, round.number).then(setFeedback, () => undefined);
  }

  function submittedNow(scorecard: Scorecard) {
    saved(scorecard);
    window.scrollTo(0, 0);
    focusTitleOnSubmit.current = true;
    refresh();
  }

  // The form and its Submit button are gone once it is submitted: the keyboard starts again from
  // the page's title, above what was submitted, rather than from the top of the document.
  const heading = useRef<HTMLHeadingElement>(null);
  const focusTitleOnSubmit = useRef(false);
  useEffect(() => {
    if (!submitted || !focusTitleOnSubmit.current) return;
    focusTitleOnSubmit.current = false;
    heading.current?.focus();
  }, [submitted]);

  // Once closed unsubmitted, what the page holds for the candidate is their partner's feedback.
  const title = solo
    ? 'Score your solo round'
    : kind === 'interviewer'
      ? `Score ${partnerName}`
      : selfClosed
        ? 'Your feedback'
        : 'Your self-assessment';
  return (
    <>
      <header className="page-header scorecard-page__header">
        <p className="eyebrow">
          {session.rounds.length > 1 && `Round ${round.number} · `}
          {round.promptTitle ?? 'No prompt chosen'}
        </p>
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {round.skipped && (
          <p className="notice" role="note">
            Round {round.number} did not take place: the interview ended in round {round.number - 1}.
          </p>
        )}
        {!submitted && participant && !selfClosed && !round.skipped && (
          <p className="page-header__lead">
            {kind === 'interviewer'
              ? `Score ${partnerName} against the rubric while the interview is fresh. ${partnerName} sees it once they have given their feedback about you.`
              : solo
                ? 'Score yourself on the rubric; your progress page tracks it over time.'
                : `Score yourself on the same rubric your interviewer uses: comparing the two is how you calibrate. It is open until ${partnerName}’s feedback about you is revealed, ${closer} or on ${deadline}, whichever comes first; then it closes, submitted or not, because it is written before seeing theirs.`}
          </p>
        )}
        {!submitted && draftScore !== null && (
          <p className="muted">
            Weighted score so far: <strong>{formatScore(draftScore)}</strong> of 4
          </p>
        )}
      </header>

      {participant && feedback.myNotes?.trim() && <RoomNotes text={feedback.myNotes} />}

      {participant && (
        <HintsUsed
          hints={feedback.hints}
          rubric={rubric}
          candidateName={kind === 'interviewer' ? partnerName : 'you'}
        />
      )}

      {!solo && participant && (
        <PartnerFeedback
          session={session}
          feedback={feedback}
          rubric={rubric}
          candidate={kind === 'self'}
          userId={user.id}
          partnerName={partnerName}
          zone={user.timezone}
        />
      )}

      {!participant ? (
        <EmptyState title="Only the round’s interviewer and candidate score it" />
      ) : selfClosed ? (
        <p className="notice" role="status">
          Your self-assessment is closed, unsubmitted: {partnerName}’s feedback about you has been revealed
          (that happens {closer}, or on {deadline} at the latest), and a self-assessment is written before
          seeing it. Their feedback is above.
        </p>
      ) : own && submitted ? (
        <>
          <ScorecardView
            scorecard={own}
            rubric={rubric}
            zone={user.timezone}
            title={kind === 'interviewer' ? `Your scorecard for ${partnerName}` : 'Your self-assessment'}
          />
          <NextSteps session={session} round={round} userId={user.id} />
        </>
      ) : (
        <>
          {closesOpenSelfAssessment && (
            <p className="notice" role="note">
              Your round {closesRound} self-assessment is still open. Submitting this scorecard closes it,
              because it unlocks {partnerName}’s feedback about you.{' '}
              <Link to={`/sessions/${encodeURIComponent(session.id)}/rounds/${closesRound}/score`}>
                Submit your round {closesRound} self-assessment first
              </Link>
            </p>
          )}
          <ScorecardForm
            sessionId={session.id}
            round={round.number}
            kind={kind}
            rubric={rubric}
            signals={signals}
            hintCaps={feedback.hints.caps}
            saved={own}
            confirmNote={
              kind === 'interviewer'
                ? `${partnerName} sees it once they have given their feedback about you, or when the feedback window closes.${
                    closesOpenSelfAssessment
                      ? ` Submitting closes your round ${closesRound} self-assessment, which you have not submitted: it unlocks ${partnerName}’s feedback about you.`
                      : ''
                  }`
                : 'Your self-assessment is for you: your progress page compares it with your partners’ scores.'
            }
            onSaved={saved}
            onSubmitted={submittedNow}
          />
        </>
      )}

      {!solo && kind === 'self' && participant && (
        <InterviewerRatingForm
          sessionId={session.id}
          round={round.number}
          interviewerName={partnerName}
          saved={feedback.rating}
          onSaved={refresh}
          closed={
            feedback.interviewer?.revealedAt
              ? { at: feedback.interviewer.revealedAt, zone: user.timezone }
              : undefined
          }
          note={
            selfAssessmentCloser(session, round.number, user.id).kind === 'rating' &&
            !submitted &&
            !selfClosed
              ? `Your rating unlocks ${partnerName}’s feedback and closes your self-assessment: submit that first.`
              : undefined
          }
        />
      )}
    </>
  );
}

/** After submitting: the session's other round to score, if this person has one, and the session. */
function NextSteps({ session, round, userId }: { session: Session; round: Round; userId: string }) {
  const sessionPath = `/sessions/${encodeURIComponent(session.id)}`;
  const other = playedRounds(session).find(
    (each) => each.number !== round.number && (each.interviewerId === userId || each.candidateId === userId),
  );
  return (
    <nav className="scorecard-next" aria-label="Next">
      {other && (
        <Link to={`${sessionPath}/rounds/${other.number}/score`} className="button">
          Round {other.number}’s scorecard
        </Link>
      )}
      <Link to={sessionPath} className="button button--secondary">
        Back to the session
      </Link>
    </nav>
  );
}

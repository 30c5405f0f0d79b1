import type { Round, Session, User } from '@mockboard/contracts';
import { Link } from 'react-router-dom';
import { RoundPromptPicker } from './RoundPromptPicker';

interface RoundsSectionProps {
  session: Session;
  user: User;
  active: boolean;
  onChange: (session: Session) => void;
}

/** Who interviews whom in each round, and on which prompt. */
export function RoundsSection({ session, user, active, onChange }: RoundsSectionProps) {
  return (
    <section className="session-section" aria-labelledby="rounds-title">
      <h2 id="rounds-title">{session.rounds.length === 1 ? 'The round' : 'Rounds'}</h2>
      <ol className="rounds">
        {session.rounds.map((round) => (
          <li key={round.number} className="round">
            <RoundDetails round={round} session={session} user={user} active={active} onChange={onChange} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function RoundDetails({ round, session, user, active, onChange }: RoundsSectionProps & { round: Round }) {
  const solo = round.interviewerId === round.candidateId;
  const name = (id: string) =>
    session.participants.find((participant) => participant.id === id)?.displayName ?? 'Your partner';
  const interviewing = round.interviewerId === user.id;
  const role = solo
    ? 'You work through the prompt on your own'
    : interviewing
      ? `You interview ${name(round.candidateId)}`
      : `${name(round.interviewerId)} interviews you`;
  // A candidate who reads the prompt beforehand practises nothing: it stays hidden until the end.
  const hidden = !solo && !interviewing && active && round.promptId !== null;

  return (
    <>
      <h3 className="round__title">
        {session.rounds.length > 1 && <span className="round__number">Round {round.number}</span>}
        {role}
      </h3>
      {round.skipped ? (
        <p className="round__prompt muted">
          Did not take place: the interview ended in round {round.number - 1}.
        </p>
      ) : (
        <RoundPrompt round={round} name={name} interviewing={interviewing} active={active} hidden={hidden} />
      )}
      {interviewing && active && <RoundPromptPicker session={session} round={round} onChange={onChange} />}
    </>
  );
}

interface RoundPromptProps {
  round: Round;
  name: (userId: string) => string;
  interviewing: boolean;
  active: boolean;
  hidden: boolean;
}

/** The round's prompt: a link, or why it is not one (not chosen yet, or hidden from its candidate). */
function RoundPrompt({ round, name, interviewing, active, hidden }: RoundPromptProps) {
  return (
    <p className="round__prompt">
      <span className="round__label">Prompt: </span>
      {round.promptId === null ? (
        <span className="muted">
          {active ? 'not chosen yet' : 'none was chosen'}
          {active && !interviewing && ` — ${name(round.interviewerId)} chooses it`}
        </span>
      ) : hidden ? (
        <span className="muted">
          chosen by {name(round.interviewerId)}; you see it in the room during that round
        </span>
      ) : (
        <Link to={`/prompts/${encodeURIComponent(round.promptId)}`}>
          {round.promptTitle ?? round.promptId}
        </Link>
      )}
    </p>
  );
}

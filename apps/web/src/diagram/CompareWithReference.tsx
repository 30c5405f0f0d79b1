import { useId, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Round, Session } from '@mockboard/contracts';
import { sessionAllows } from '@mockboard/schedule';
import { getRoundBoard } from '../api/replay';
import { useAuth } from '../auth/AuthContext';
import { ErrorState, LoadingState } from '../components/StatusViews';
import { useResource } from '../hooks/useResource';
import { ReplayBoard } from '../room/ReplayBoard';
import { ReferenceDiagram } from './ReferenceDiagram';

/**
 * After the session: each round's final board beside its prompt's reference design (side by side
 * on a wide screen, one above the other on a narrow one). `?compare=1` opens it straight away.
 */
export function CompareWithReference({ session }: { session: Session }) {
  const sessionId = session.id;
  const [params] = useSearchParams();
  const [open, setOpen] = useState(params.get('compare') === '1');
  const bodyId = useId();
  if (!sessionAllows(session.status, 'compare_with_reference')) return null;
  const rounds = session.rounds.filter((round) => round.promptId !== null && !round.skipped);
  if (rounds.length === 0) return null;

  return (
    <section className="compare" aria-labelledby={`${bodyId}-title`}>
      <h2 id={`${bodyId}-title`} className="compare__heading">
        <button
          type="button"
          className="button button--secondary"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen((value) => !value)}
        >
          {open ? 'Hide the reference design' : 'Compare with the reference design'}
        </button>
      </h2>
      <div id={bodyId} hidden={!open}>
        {open && <Comparison sessionId={sessionId} rounds={rounds} />}
      </div>
    </section>
  );
}

function Comparison({ sessionId, rounds }: { sessionId: string; rounds: Round[] }) {
  const [chosen, setChosen] = useState(rounds[0]!.number);
  const round = rounds.find((each) => each.number === chosen) ?? rounds[0]!;
  // The board is the candidate's drawing: the interviewer of the round compares their partner's.
  const myBoard = useAuth().user?.id === round.candidateId;
  const whose = myBoard ? 'Your board' : 'Your partner’s board';
  return (
    <div className="compare__body">
      {rounds.length > 1 && (
        <fieldset className="compare__rounds">
          <legend>Round</legend>
          {rounds.map((each) => (
            <label key={each.number} className="compare__round">
              <input
                type="radio"
                name={`compare-round-${sessionId}`}
                checked={each.number === round.number}
                onChange={() => setChosen(each.number)}
              />
              Round {each.number}: {each.promptTitle}
            </label>
          ))}
        </fieldset>
      )}
      <div className="compare__panes">
        <section className="compare__pane" aria-label={`${whose}, round ${round.number}`}>
          <h3 className="compare__title">
            {whose} (round {round.number}, as it ended)
          </h3>
          <FinalBoard key={round.number} sessionId={sessionId} round={round.number} />
        </section>
        <section className="compare__pane" aria-label="Reference design">
          <h3 className="compare__title">Reference design: {round.promptTitle}</h3>
          <ReferenceDiagram key={round.number} source={{ sessionId, round: round.number }} />
        </section>
      </div>
    </div>
  );
}

function FinalBoard({ sessionId, round }: { sessionId: string; round: number }) {
  const board = useResource(`round-board:${sessionId}:${round}`, (signal) =>
    getRoundBoard(sessionId, round, signal),
  );
  if (board.status === 'loading') return <LoadingState label={`Loading round ${round}'s board…`} />;
  if (board.status === 'error') {
    return <ErrorState title="The board could not be loaded" error={board.error} onRetry={board.retry} />;
  }
  // The replay above keeps __mockboardScene: this board is read as a past round's.
  return (
    <ReplayBoard
      sessionId={sessionId}
      elements={board.data.elements}
      testHook="__mockboardPastBoard"
      fitToView
    />
  );
}

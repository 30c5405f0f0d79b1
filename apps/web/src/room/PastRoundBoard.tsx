import { getRoundBoard } from '../api/replay';
import { Dialog } from '../components/Dialog';
import { ErrorState, LoadingState } from '../components/StatusViews';
import { useResource } from '../hooks/useResource';
import { ReplayBoard } from './ReplayBoard';

interface PastRoundBoardProps {
  sessionId: string;
  round: number;
  onClose: () => void;
}

/**
 * An earlier round's board, read-only, over the live room: each round draws on its own board, and
 * the first one stays there to look back at.
 */
export function PastRoundBoard({ sessionId, round, onClose }: PastRoundBoardProps) {
  const board = useResource(`round-board:${sessionId}:${round}`, (signal) =>
    getRoundBoard(sessionId, round, signal),
  );
  return (
    <Dialog title={`Round ${round} board`} onClose={onClose}>
      <div className="past-board">
        {board.status === 'success' ? (
          <ReplayBoard
            sessionId={sessionId}
            elements={board.data.elements}
            testHook="__mockboardPastBoard"
            fitOnceLoaded
          />
        ) : board.status === 'error' ? (
          <ErrorState title="The board could not be loaded" error={board.error} onRetry={board.retry} />
        ) : (
          <LoadingState label={`Loading round ${round}'s board…`} />
        )}
      </div>
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onClose}>
          Back to round {round + 1}
        </button>
      </div>
    </Dialog>
  );
}

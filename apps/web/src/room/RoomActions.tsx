import { useState } from 'react';
import { busyButtonProps } from '../components/busy-button';
import { Dialog, FOCUS_FIRST } from '../components/Dialog';
import { FormAlert } from '../components/FormAlert';

type Action = 'swap' | 'end';

const confirmations = (
  partnerName: string,
  /** Round 1 of a swap: ending now means round 2 never takes place. */
  secondRoundAhead: boolean,
): Record<Action, { title: string; text: string; button: string; danger?: boolean }> => ({
  swap: {
    title: 'Swap roles?',
    text: `Round 1 ends for both of you. In round 2 ${partnerName} interviews you, on a fresh board with its own clock.`,
    button: 'Swap roles',
  },
  end: {
    title: 'End the interview?',
    text: secondRoundAhead
      ? `The room closes for both of you and the session moves on to scoring. Round 2, in which ${partnerName} interviews you, will not take place: to go on to it, choose Swap roles instead. This cannot be undone.`
      : 'The room closes for both of you and the session moves on to scoring. This cannot be undone.',
    button: 'End interview',
    danger: true,
  },
});

interface RoomActionsProps {
  canSwap: boolean;
  canEnd: boolean;
  disabled: boolean;
  onSwap: () => Promise<unknown>;
  onEnd: () => Promise<unknown>;
  /** Who interviews in round 2, named in the swap's confirmation. */
  partnerName: string;
}

/** The two steps that change the session for both peers, each behind a confirmation. */
export function RoomActions({ canSwap, canEnd, disabled, onSwap, onEnd, partnerName }: RoomActionsProps) {
  const [confirming, setConfirming] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function open(action: Action) {
    setError(null);
    setConfirming(action);
  }

  function close() {
    if (busy) return;
    setConfirming(null);
    setError(null);
  }

  async function confirm(action: Action) {
    setBusy(true);
    setError(null);
    try {
      await (action === 'swap' ? onSwap() : onEnd());
      setConfirming(null);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'That did not work; please retry');
    } finally {
      setBusy(false);
    }
  }

  // Once the action is no longer this user's (the swap went through and they are now the candidate,
  // or the interview ended), its confirmation has nothing left to confirm: it closes, error and all.
  const allowed = confirming === 'swap' ? canSwap : confirming === 'end' ? canEnd : false;
  // (Adjusted while rendering, React's pattern for state that follows props.)
  if (confirming && !allowed) {
    setConfirming(null);
    setError(null);
  }

  const copy = confirming && allowed ? confirmations(partnerName, canSwap)[confirming] : null;
  return (
    <div className="room-actions">
      {canSwap && (
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={disabled}
          onClick={() => open('swap')}
        >
          Swap roles
        </button>
      )}
      {canEnd && (
        <button
          type="button"
          className="button button--small room-actions__end"
          disabled={disabled}
          onClick={() => open('end')}
        >
          End interview
        </button>
      )}
      {confirming && copy && (
        <Dialog title={copy.title} onClose={close}>
          <p>{copy.text}</p>
          <FormAlert>{error}</FormAlert>
          <div className="dialog__actions">
            <button
              type="button"
              className={`button${copy.danger ? ' room-actions__end' : ''}`}
              onClick={() => confirm(confirming)}
              {...busyButtonProps(busy)}
            >
              {busy ? 'Working…' : copy.button}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={close}
              {...(copy.danger ? FOCUS_FIRST : {})}
              {...busyButtonProps(busy)}
            >
              Cancel
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}

import type { Session, OpenSlot } from '@mockboard/contracts';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useRecheckVerification } from '../account/VerificationRequired';
import { toApiRequestError, type ApiRequestError } from '../api/client';
import { bookSlot } from '../api/slots';
import { Dialog } from '../components/Dialog';
import { FORMAT_LABELS } from '../components/labels';
import { PartnerSummary } from '../components/PartnerSummary';
import { formatRange, zoneName } from '../time/format';
import { bookerPlanText } from './SlotCard';
import { busyButtonProps } from '../components/busy-button';

type Step =
  | { kind: 'confirm' | 'pending' }
  | { kind: 'booked'; session: Session }
  | { kind: 'failed'; error: ApiRequestError };

interface BookSlotDialogProps {
  slot: OpenSlot;
  zone: string;
  onBooked: (session: Session) => void;
  /** `changed`: the week's slots are stale (booked here, or taken by someone else). */
  onClose: (changed: boolean) => void;
}

/** Confirm, book, then show the session that was created (or why the slot is gone). */
export function BookSlotDialog({ slot, zone, onBooked, onClose }: BookSlotDialogProps) {
  const [step, setStep] = useState<Step>({ kind: 'confirm' });
  const recheckVerification = useRecheckVerification();
  const when = `${formatRange(new Date(slot.startsAt), new Date(slot.endsAt), zone)} (${zoneName(zone)})`;
  const changed = step.kind === 'booked' || (step.kind === 'failed' && step.error.status === 409);

  async function book() {
    setStep({ kind: 'pending' });
    try {
      const session = await bookSlot(slot.id);
      setStep({ kind: 'booked', session });
      onBooked(session);
    } catch (error) {
      const apiError = toApiRequestError(error);
      recheckVerification(apiError);
      setStep({ kind: 'failed', error: apiError });
    }
  }

  if (step.kind === 'booked') {
    return (
      // Its own dialog (a key of its own), opened anew: it takes the focus the pressed button had.
      <Dialog key="booked" title="You’re booked" onClose={() => onClose(true)}>
        <p className="dialog__text" role="status">
          Your {FORMAT_LABELS[step.session.format].toLowerCase()} session with {slot.host.displayName} is on{' '}
          <strong>{when}</strong>. It is in My sessions; {slot.host.displayName} has been notified.
        </p>
        <div className="dialog__actions">
          <Link to={`/sessions/${step.session.id}`} className="button">
            Open the session
          </Link>
          <button type="button" className="button button--secondary" onClick={() => onClose(true)}>
            Done
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog key="confirm" title="Book this slot?" onClose={() => onClose(changed)}>
      <dl className="dialog__facts">
        <div>
          <dt>When</dt>
          <dd>{when}</dd>
        </div>
        <div>
          <dt>Format</dt>
          <dd>
            {FORMAT_LABELS[slot.format]} <span className="dialog__aside">· {bookerPlanText(slot)}</span>
          </dd>
        </div>
      </dl>
      <PartnerSummary partner={slot.host} />
      {step.kind === 'failed' && (
        <div className="form-alert" role="alert">
          {step.error.status === 409
            ? `${step.error.message.replace(/[.!]?$/, '.')} Pick another slot, or offer your own time.`
            : step.error.message}
        </div>
      )}
      <div className="dialog__actions">
        {step.kind === 'failed' && step.error.status === 409 ? (
          <button type="button" className="button" onClick={() => onClose(true)}>
            Pick another slot
          </button>
        ) : (
          <button
            type="button"
            className="button"
            onClick={book}
            {...busyButtonProps(step.kind === 'pending')}
          >
            {step.kind === 'pending' && <span className="spinner spinner--small" aria-hidden="true" />}
            Confirm booking
          </button>
        )}
        <button type="button" className="button button--secondary" onClick={() => onClose(changed)}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

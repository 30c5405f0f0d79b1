import { CancelSessionRequestSchema, type Participant, type Session } from '@mockboard/contracts';
import { useRef, useState, type FormEvent } from 'react';
import { LATE_CANCELLATION_MINUTES } from '@mockboard/schedule';
import { cancelSession } from '../api/sessions';
import { FormAlert } from '../components/FormAlert';
import { TextAreaField } from '../components/TextAreaField';
import { isLateToCancel } from './session-facts';
import { useSessionAction } from './useSessionAction';

interface CancelSessionProps {
  session: Session;
  now: Date;
  partner: Participant | null;
  onChange: (session: Session) => void;
}

/** Cancelling takes a reason for the partner, and warns first when it will count as late. */
export function CancelSession({ session, now, partner, onChange }: CancelSessionProps) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const { run, pending, error } = useSessionAction(onChange);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const late = partner !== null && isLateToCancel(session, now);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = CancelSessionRequestSchema.safeParse({ reason });
    if (!parsed.success) {
      setReasonError(partner ? `Tell ${partner.displayName} why you are cancelling.` : 'Add a short reason.');
      reasonRef.current?.focus();
      return;
    }
    await run(() => cancelSession(session.id, parsed.data.reason));
  }

  return (
    <section className="session-section session-section--danger" aria-labelledby="cancel-title">
      <h2 id="cancel-title">Cancel the session</h2>
      {!open ? (
        <>
          <p className="session-section__note">
            {partner
              ? `${partner.displayName} is told at once, with your reason.`
              : 'Solo sessions can be cancelled any time.'}
          </p>
          <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
            Cancel session…
          </button>
        </>
      ) : (
        <form className="form" noValidate onSubmit={submit}>
          {late && (
            <p className="warning" role="note">
              <strong>This counts as a late cancellation.</strong> It is less than{' '}
              {LATE_CANCELLATION_MINUTES / 60} hours before the start, so it shows on your reliability to
              future partners. Proposing a new time does not.
            </p>
          )}
          <FormAlert>{error?.message}</FormAlert>
          <TextAreaField
            ref={reasonRef}
            label="Reason"
            name="reason"
            hint={partner ? `Shown to ${partner.displayName}.` : undefined}
            rows={3}
            maxLength={500}
            required
            autoFocus
            value={reason}
            error={reasonError}
            onChange={(event) => {
              setReason(event.target.value);
              setReasonError(undefined);
            }}
          />
          <div className="form__actions">
            <button type="submit" className="button button--danger" disabled={pending}>
              {pending && <span className="spinner spinner--small" aria-hidden="true" />}
              Cancel session
            </button>
            <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
              Keep it
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

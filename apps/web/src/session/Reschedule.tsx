import type { Participant, Session, User } from '@mockboard/contracts';
import { useState, type FormEvent } from 'react';
import { answerNewTime, proposeNewTime } from '../api/sessions';
import { FormAlert } from '../components/FormAlert';
import { StartTimeFields, startTimeToIso, type StartTime } from '../components/StartTimeFields';
import { SubmitButton } from '../components/SubmitButton';
import { fieldSentence } from '../forms/field-messages';
import { formatDateTime, timeZoneSuffix } from '../time/format';
import { dateKeyIn, timeOfDayIn } from '../time/zoned-time';
import { useSessionAction } from './useSessionAction';

interface RescheduleProps {
  session: Session;
  user: User;
  partner: Participant;
  zone: string;
  onChange: (session: Session) => void;
}

/** Propose a new time, or answer the partner's proposal. The session stays as it is until accepted. */
export function Reschedule({ session, user, partner, zone, onChange }: RescheduleProps) {
  const proposal = session.pendingReschedule;
  const { run, pending, error } = useSessionAction(onChange);

  let body;
  if (proposal && proposal.status === 'pending') {
    const when = `${formatDateTime(new Date(proposal.startsAt), zone)}${timeZoneSuffix(zone)}`;
    body =
      proposal.proposedBy === user.id ? (
        <p className="session-section__note" role="status">
          You proposed <strong>{when}</strong>. Waiting for {partner.displayName} to answer.
        </p>
      ) : (
        <>
          <p className="session-section__note">
            {partner.displayName} proposes moving the session to <strong>{when}</strong>.
          </p>
          <FormAlert>{error?.message}</FormAlert>
          <div className="form__actions">
            <button
              type="button"
              className="button"
              disabled={pending}
              onClick={() => void run(() => answerNewTime(session.id, true))}
            >
              Accept new time
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={pending}
              onClick={() => void run(() => answerNewTime(session.id, false))}
            >
              Decline
            </button>
          </div>
        </>
      );
  } else {
    body = <ProposeForm session={session} partner={partner} zone={zone} onChange={onChange} />;
  }

  return (
    <section className="session-section" aria-labelledby="reschedule-title">
      <h2 id="reschedule-title">Change the time</h2>
      {body}
    </section>
  );
}

function ProposeForm({ session, partner, zone, onChange }: Omit<RescheduleProps, 'user'>) {
  const [open, setOpen] = useState(false);
  const current = new Date(session.startsAt);
  const [start, setStart] = useState<StartTime>(() => ({
    day: dateKeyIn(current, zone),
    time: timeOfDayIn(current, zone),
  }));
  const [startError, setStartError] = useState<string | undefined>();
  const { run, pending, error } = useSessionAction(onChange);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const startsAt = startTimeToIso(start, zone);
    if (!startsAt) return setStartError('Pick a day.');
    if (startsAt === new Date(session.startsAt).toISOString()) return setStartError('Pick a different time.');
    setStartError(undefined);
    await run(() => proposeNewTime(session.id, startsAt));
  }

  if (!open) {
    return (
      <>
        <p className="session-section__note">
          Propose another time; {partner.displayName} accepts or declines. Moving is never a late
          cancellation.
        </p>
        <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
          Propose a new time…
        </button>
      </>
    );
  }

  const startsAtField = error?.fields.find((field) => field.field === 'startsAt');
  return (
    <form className="form" noValidate onSubmit={submit}>
      <FormAlert>{!startsAtField && error?.message}</FormAlert>
      <StartTimeFields
        legend="New start"
        zone={zone}
        value={start}
        error={startError ?? (startsAtField && fieldSentence('Start', startsAtField.message))}
        onChange={(value) => {
          setStart(value);
          setStartError(undefined);
        }}
      />
      <div className="form__actions">
        <SubmitButton pending={pending}>Propose this time</SubmitButton>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          Never mind
        </button>
      </div>
    </form>
  );
}

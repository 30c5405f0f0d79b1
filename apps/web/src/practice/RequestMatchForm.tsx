import { MatchRequestCreateSchema, type Session, type SessionFormat } from '@mockboard/contracts';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { toApiRequestError } from '../api/client';
import { requestMatch } from '../api/matching';
import { FormAlert } from '../components/FormAlert';
import { FormatField } from '../components/FormatField';
import { LevelSelect } from '../components/LevelSelect';
import { StartTimeFields } from '../components/StartTimeFields';
import { SubmitButton } from '../components/SubmitButton';
import { messagesFromApi, messagesFromZod } from '../forms/field-messages';
import { useFormMessages } from '../forms/useFormMessages';
import { formatDateTime, timeZoneSuffix } from '../time/format';
import { usePracticeStartTime } from './usePracticeStartTime';
import {
  useNeedsVerification,
  useRecheckVerification,
  VerificationRequired,
} from '../account/VerificationRequired';

const LABELS = { startsAt: 'Start', format: 'Format', level: 'Level', durationMinutes: 'Duration' };
const ORDER = ['startsAt', 'format', 'level', 'durationMinutes'] as const;

type Outcome = { kind: 'pending'; text: string } | { kind: 'matched'; sessionId: Session['id'] };

/** Ask to be paired with anyone who wants the same time; matched at once if someone is waiting. */
export function RequestMatchForm({ zone, onRequested }: { zone: string; onRequested: () => void }) {
  const needsVerification = useNeedsVerification();
  const recheckVerification = useRecheckVerification();
  const [format, setFormat] = useState<SessionFormat>('swap');
  const [level, setLevel] = useState('');
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const { formRef, messages, show, clear, clearField } = useFormMessages(ORDER);
  const start = usePracticeStartTime(zone, () => clearField('startsAt'));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setOutcome(null);
    const startsAt = start.startsAt();
    if (!startsAt) return show({ fields: { startsAt: 'Pick a day for the session.' } });
    const parsed = MatchRequestCreateSchema.safeParse({ startsAt, format, level: level || undefined });
    if (!parsed.success) return show(messagesFromZod(parsed.error, LABELS));
    clear();
    setPending(true);
    try {
      const request = await requestMatch(parsed.data);
      setOutcome(
        request.status === 'matched' && request.sessionId
          ? { kind: 'matched', sessionId: request.sessionId }
          : {
              kind: 'pending',
              text: `Request saved for ${formatDateTime(new Date(request.startsAt), zone)}${timeZoneSuffix(zone)}. We’ll notify you when someone matches.`,
            },
      );
      onRequested();
    } catch (error) {
      const apiError = toApiRequestError(error);
      recheckVerification(apiError);
      show(messagesFromApi(apiError, LABELS));
    } finally {
      setPending(false);
    }
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={submit} aria-label="Request a match">
      <FormAlert>{messages.form}</FormAlert>
      <StartTimeFields {...start.fieldProps} error={messages.fields.startsAt} />
      <FormatField name="match-format" value={format} onChange={setFormat} />
      <LevelSelect
        label="Partner level"
        anyLabel="Any level"
        value={level}
        error={messages.fields.level}
        onChange={setLevel}
      />
      <VerificationRequired id="match-needs-verification" action="request a match" />
      <div className="form__actions">
        <SubmitButton
          pending={pending}
          disabledBy={needsVerification ? 'match-needs-verification' : undefined}
        >
          Request a match
        </SubmitButton>
        <p className="form__status" role="status">
          {outcome?.kind === 'pending' && outcome.text}
          {outcome?.kind === 'matched' && (
            <>
              Matched! <Link to={`/sessions/${outcome.sessionId}`}>Open your session</Link>
            </>
          )}
        </p>
      </div>
    </form>
  );
}

import {
  CreateSlotRequestSchema,
  DEFAULT_DURATION_MINUTES,
  HOST_ROLES,
  MAX_DURATION_MINUTES,
  MIN_DURATION_MINUTES,
  type HostRole,
  type SessionFormat,
} from '@mockboard/contracts';
import { useState, type FormEvent } from 'react';
import { toApiRequestError } from '../api/client';
import { offerSlot } from '../api/slots';
import { FormAlert } from '../components/FormAlert';
import { FormatField } from '../components/FormatField';
import { LevelSelect } from '../components/LevelSelect';
import { PromptSelect } from '../components/PromptSelect';
import { SelectField } from '../components/SelectField';
import { StartTimeFields } from '../components/StartTimeFields';
import { SubmitButton } from '../components/SubmitButton';
import { messagesFromApi, messagesFromZod } from '../forms/field-messages';
import { useFormMessages } from '../forms/useFormMessages';
import { formatDateTime, formatDuration, timeZoneSuffix } from '../time/format';
import { usePracticeStartTime } from './usePracticeStartTime';
import {
  useNeedsVerification,
  useRecheckVerification,
  VerificationRequired,
} from '../account/VerificationRequired';

const LABELS = {
  startsAt: 'Start',
  format: 'Format',
  durationMinutes: 'Duration',
  promptId: 'Prompt',
  level: 'Level',
  hostRole: 'Your role',
};
const ORDER = ['startsAt', 'format', 'durationMinutes', 'promptId', 'level', 'hostRole'] as const;

const DURATIONS = Array.from(
  { length: (MAX_DURATION_MINUTES - MIN_DURATION_MINUTES) / 15 + 1 },
  (_, index) => MIN_DURATION_MINUTES + index * 15,
);
const ROLE_LABELS: Record<HostRole, string> = {
  interviewer: 'I interview',
  candidate: 'I’m the candidate',
};

/** Offer a time others can book. The duration follows the format until the user picks one. */
export function OfferSlotForm({ zone, onOffered }: { zone: string; onOffered: () => void }) {
  const needsVerification = useNeedsVerification();
  const recheckVerification = useRecheckVerification();
  const [format, setFormat] = useState<SessionFormat>('swap');
  const [duration, setDuration] = useState<number | null>(null);
  const [promptId, setPromptId] = useState('');
  const [level, setLevel] = useState('');
  const [hostRole, setHostRole] = useState<HostRole>('interviewer');
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const { formRef, messages, show, clear, clearField } = useFormMessages(ORDER);
  const start = usePracticeStartTime(zone, () => clearField('startsAt'));
  const minutes = duration ?? DEFAULT_DURATION_MINUTES[format];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const startsAt = start.startsAt();
    if (!startsAt) return show({ fields: { startsAt: 'Pick a day for the slot.' } });
    const parsed = CreateSlotRequestSchema.safeParse({
      startsAt,
      format,
      durationMinutes: minutes,
      promptId: promptId || undefined,
      level: level || undefined,
      hostRole: format === 'single' ? hostRole : undefined,
    });
    if (!parsed.success) return show(messagesFromZod(parsed.error, LABELS));
    clear();
    setPending(true);
    try {
      const slot = await offerSlot(parsed.data);
      setDone(`Slot offered for ${formatDateTime(new Date(slot.startsAt), zone)}${timeZoneSuffix(zone)}.`);
      onOffered();
    } catch (error) {
      const apiError = toApiRequestError(error);
      recheckVerification(apiError);
      show(messagesFromApi(apiError, LABELS));
    } finally {
      setPending(false);
    }
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={submit} aria-label="Offer a slot">
      <FormAlert>{messages.form}</FormAlert>
      <StartTimeFields {...start.fieldProps} error={messages.fields.startsAt} />
      <FormatField name="offer-format" value={format} onChange={setFormat} />
      {format === 'single' && (
        <SelectField
          label="Your role"
          name="hostRole"
          value={hostRole}
          error={messages.fields.hostRole}
          options={HOST_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
          onChange={(value) => setHostRole(value === 'candidate' ? 'candidate' : 'interviewer')}
        />
      )}
      <div className="form__row">
        <SelectField
          label="Duration"
          name="durationMinutes"
          value={String(minutes)}
          error={messages.fields.durationMinutes}
          options={DURATIONS.map((value) => ({
            value: String(value),
            label: `${formatDuration(value)}${value === DEFAULT_DURATION_MINUTES[format] ? ' (usual)' : ''}`,
          }))}
          onChange={(value) => setDuration(Number(value))}
        />
        <LevelSelect
          value={level}
          onChange={setLevel}
          anyLabel="Any level"
          label="Partner level"
          error={messages.fields.level}
        />
      </div>
      <PromptSelect
        label="Prompt (optional)"
        value={promptId}
        error={messages.fields.promptId}
        extraOptions={[{ value: '', label: 'Let the interviewer choose' }]}
        onChange={setPromptId}
      />
      <VerificationRequired id="offer-needs-verification" action="offer a slot" />
      <div className="form__actions">
        <SubmitButton
          pending={pending}
          disabledBy={needsVerification ? 'offer-needs-verification' : undefined}
        >
          Offer slot
        </SubmitButton>
        <p className="form__status" role="status">
          {done}
        </p>
      </div>
    </form>
  );
}

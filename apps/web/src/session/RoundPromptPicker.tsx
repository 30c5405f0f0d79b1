import type { Round, Session } from '@mockboard/contracts';
import { useState, type FormEvent } from 'react';
import { chooseRoundPrompt, getRoundPromptChoices } from '../api/sessions';
import { PromptSelect } from '../components/PromptSelect';
import { useResource } from '../hooks/useResource';
import { useSessionAction } from './useSessionAction';
import { busyButtonProps } from '../components/busy-button';

interface RoundPromptPickerProps {
  session: Session;
  round: Round;
  onChange: (session: Session) => void;
  /** Its layout where it is placed: under a round on the session page by default. */
  className?: string;
}

/** The round's interviewer picks a prompt from the library, or lets the server surprise them. */
export function RoundPromptPicker({
  session,
  round,
  onChange,
  className = 'round__picker',
}: RoundPromptPickerProps) {
  const [promptId, setPromptId] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { run, pending, error, clearError } = useSessionAction(onChange);
  // Marks what the candidate cannot be given before it is picked, not after (a 409). Without it
  // (still loading, or failed) every prompt is offered and the server still refuses those.
  const choices = useResource(
    `prompt-choices:${session.id}:${round.number}:${round.promptId ?? ''}`,
    (signal) => getRoundPromptChoices(session.id, round.number, signal),
  );
  const describe = (promptId: string) => {
    if (choices.status !== 'success') return undefined;
    if (choices.data.askedBefore.includes(promptId))
      return { note: 'your candidate was asked it before', disabled: true };
    if (choices.data.inThisSession.includes(promptId))
      return { note: 'the other round’s prompt', disabled: false };
    return undefined;
  };

  async function choose(choice: string) {
    setDone(null);
    const ok = await run(() => chooseRoundPrompt(session.id, round.number, choice));
    if (ok) {
      setPromptId('');
      setDone(choice === 'surprise' ? 'A surprise prompt was chosen.' : 'Prompt chosen.');
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (promptId) void choose(promptId);
  }

  // The server's refusal to offer choices (the room has moved past this round) is final: say why.
  if (choices.status === 'error' && choices.error.status === 409)
    return <p className={`${className} muted`}>{choices.error.message}</p>;

  return (
    <form className={className} noValidate onSubmit={submit}>
      <PromptSelect
        label={round.promptId ? 'Change the prompt' : 'Choose the prompt'}
        name={`round-${round.number}-prompt`}
        value={promptId}
        error={error?.message}
        extraOptions={[{ value: '', label: 'Pick from the library…' }]}
        describe={describe}
        onChange={(value) => {
          setPromptId(value);
          clearError();
        }}
      />
      <div className="form__actions">
        <button
          type="submit"
          className="button button--small"
          disabled={!promptId}
          {...busyButtonProps(pending)}
        >
          Use this prompt
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => void choose('surprise')}
          {...busyButtonProps(pending)}
        >
          Surprise me
        </button>
        <p className="form__status" role="status">
          {done}
        </p>
      </div>
    </form>
  );
}

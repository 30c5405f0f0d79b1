import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { toApiRequestError } from '../api/client';
import { startSoloSession } from '../api/sessions';
import { PromptSelect } from '../components/PromptSelect';
import { SubmitButton } from '../components/SubmitButton';

/** A prompt, the whiteboard and the timer, no partner: starts now and opens the session. */
export function SoloPractice() {
  const navigate = useNavigate();
  const [promptId, setPromptId] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!promptId) return setError('Choose a prompt to practise.');
    setError(undefined);
    setPending(true);
    try {
      const session = await startSoloSession(promptId);
      navigate(`/sessions/${session.id}`);
    } catch (caught) {
      setError(toApiRequestError(caught).message);
      setPending(false);
    }
  }

  return (
    <form className="form" noValidate onSubmit={submit} aria-label="Solo practice">
      <p className="muted">No partner needed: work through a prompt against its time plan on your own.</p>
      <PromptSelect
        label="Prompt"
        name="soloPromptId"
        value={promptId}
        error={error}
        extraOptions={[{ value: '', label: 'Choose a prompt…' }]}
        onChange={(value) => {
          setPromptId(value);
          setError(undefined);
        }}
      />
      <div className="form__actions">
        <SubmitButton pending={pending}>Start solo practice</SubmitButton>
      </div>
    </form>
  );
}

import { useState } from 'react';
import { resendVerification } from '../api/account';
import { toApiRequestError } from '../api/client';

/** "Resend" and what came of it (sent, or why not: e.g. asked less than a minute ago). */
export function ResendVerification({ label = 'Resend the email' }: { label?: string }) {
  const [state, setState] = useState<
    { kind: 'idle' | 'pending' } | { kind: 'done' | 'failed'; message: string }
  >({
    kind: 'idle',
  });

  async function resend() {
    setState({ kind: 'pending' });
    try {
      setState({ kind: 'done', message: await resendVerification() });
    } catch (error) {
      setState({ kind: 'failed', message: toApiRequestError(error).message });
    }
  }

  return (
    <span className="resend-verification">
      <button
        type="button"
        className="button button--small button--secondary"
        onClick={resend}
        disabled={state.kind === 'pending'}
      >
        {label}
      </button>{' '}
      <span role="status">{state.kind === 'done' || state.kind === 'failed' ? state.message : ''}</span>
    </span>
  );
}

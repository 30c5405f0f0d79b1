import type { SaveState } from './useAutosave';

/** "Saving…", "Saved", or what went wrong with a Retry; the typed text stays in the form either way. */
export function SaveIndicator({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  return (
    <div className={`save-indicator save-indicator--${state.status}`}>
      <p role="status" className="save-indicator__text">
        {state.status === 'saving' && (
          <>
            <span className="spinner spinner--small" aria-hidden="true" />
            Saving…
          </>
        )}
        {state.status === 'saved' && (
          <>
            <span className="form__status-icon" aria-hidden="true" />
            Saved
          </>
        )}
        {state.status === 'idle' && 'Changes save as you go'}
        {state.status === 'error' && `Not saved: ${state.error.message}`}
      </p>
      {state.status === 'error' && (
        <button type="button" className="button button--small button--secondary" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

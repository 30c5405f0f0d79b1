import { loadPromptOptions } from '../api/prompt-options';
import { useResource } from '../hooks/useResource';
import { Field } from './Field';

interface PromptSelectProps {
  label: string;
  value: string;
  onChange: (promptId: string) => void;
  /** Options shown before the library's prompts, e.g. "Let my partner choose" with value "". */
  extraOptions?: readonly { value: string; label: string }[];
  hint?: string;
  error?: string;
  name?: string;
  /** Words after a prompt's title, and whether it may not be chosen (e.g. asked before). */
  describe?: (promptId: string) => { note: string; disabled: boolean } | undefined;
}

/** A select of every prompt in the library, loaded once per page. */
export function PromptSelect({
  label,
  value,
  onChange,
  extraOptions = [],
  hint,
  error,
  name = 'promptId',
  describe,
}: PromptSelectProps) {
  const prompts = useResource('prompt-options', () => loadPromptOptions());

  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <>
          <select
            {...control}
            name={name}
            className="input select"
            value={value}
            disabled={prompts.status !== 'success'}
            onChange={(event) => onChange(event.target.value)}
          >
            {prompts.status === 'loading' && <option value={value}>Loading prompts…</option>}
            {prompts.status === 'error' && <option value={value}>Prompts could not be loaded</option>}
            {prompts.status === 'success' && (
              <>
                {extraOptions.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
                {prompts.data.map((prompt) => {
                  const described = describe?.(prompt.id);
                  return (
                    <option key={prompt.id} value={prompt.id} disabled={described?.disabled}>
                      {described ? `${prompt.title} (${described.note})` : prompt.title}
                    </option>
                  );
                })}
              </>
            )}
          </select>
          {prompts.status === 'error' && (
            <p className="field__hint">
              {prompts.error.message}{' '}
              <button type="button" className="link-button" onClick={prompts.retry}>
                Try again
              </button>
            </p>
          )}
        </>
      )}
    </Field>
  );
}

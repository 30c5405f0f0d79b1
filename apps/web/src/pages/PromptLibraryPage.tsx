import { useSearchParams } from 'react-router-dom';
import { listPrompts } from '../api/prompts';
import { PromptCard } from '../components/PromptCard';
import { PromptFilters } from '../components/PromptFilters';
import { EmptyState, ErrorState, LoadingState } from '../components/StatusViews';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { latestData, useResource } from '../hooks/useResource';
import { hasFilters, queryFromParams, queryKey, type FilterKey } from '../api/prompt-list-query';

export function PromptLibraryPage() {
  useDocumentTitle('Prompts');
  const [params, setParams] = useSearchParams();
  const query = queryFromParams(params);
  const filtered = hasFilters(query);
  const resource = useResource(`prompts?${queryKey(query)}`, (signal) => listPrompts(query, signal));

  function setFilter(key: FilterKey, value: string) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value.trim()) next.set(key, value);
        else next.delete(key);
        return next;
      },
      // Typing a search should not leave one history entry per keystroke; picking a filter should.
      { replace: key === 'q', preventScrollReset: true },
    );
  }

  function clearFilters() {
    setParams(new URLSearchParams(), { preventScrollReset: true });
  }

  const shown = latestData(resource);

  return (
    <div className="container page">
      <header className="page-header">
        <h1>Prompt library</h1>
        <p className="page-header__lead">
          System-design prompts with a time plan for each phase. Pick one, read the problem, and practise it
          with a peer.
        </p>
      </header>

      <PromptFilters query={query} tags={shown?.tags ?? []} onChange={setFilter} />

      <div className="results-bar">
        <p className="results-bar__count" aria-live="polite">
          {resource.status === 'loading'
            ? shown && 'Updating…'
            : shown
              ? `${shown.prompts.length} ${shown.prompts.length === 1 ? 'prompt' : 'prompts'}${filtered ? ' match' : ''}`
              : ''}
        </p>
        {filtered && (
          <button type="button" className="button button--ghost button--small" onClick={clearFilters}>
            Clear filters
          </button>
        )}
      </div>

      {resource.status === 'error' ? (
        <ErrorState title="Could not load prompts" error={resource.error} onRetry={resource.retry} />
      ) : !shown ? (
        <LoadingState label="Loading prompts…" />
      ) : shown.prompts.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No prompts match these filters"
            action={
              <button type="button" className="button button--secondary" onClick={clearFilters}>
                Clear filters
              </button>
            }
          >
            <p>Try a shorter search or a different difficulty, tag or phase.</p>
          </EmptyState>
        ) : (
          <EmptyState title="No prompts yet">
            <p>
              Prompts are Markdown files in the <code>prompts/</code> folder of this installation. Add one and
              restart the server to see it here.
            </p>
          </EmptyState>
        )
      ) : (
        <ul className="prompt-grid" aria-busy={resource.status === 'loading'}>
          {shown.prompts.map((prompt) => (
            <li key={prompt.id}>
              <PromptCard prompt={prompt} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

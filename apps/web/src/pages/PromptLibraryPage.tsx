import type { PromptListQuery } from '@mockboard/contracts';
import { Link, useSearchParams } from 'react-router-dom';
import { listPrompts } from '../api/prompts';
import { useAuth } from '../auth/AuthContext';
import { PromptCard } from '../components/PromptCard';
import { PromptFilters } from '../components/PromptFilters';
import { EmptyState, ErrorState, LoadingState } from '../components/StatusViews';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { latestData, useResource } from '../hooks/useResource';
import { forViewer, hasFilters, queryFromParams, queryKey, type FilterKey } from '../api/prompt-list-query';

export function PromptLibraryPage() {
  useDocumentTitle('Prompts');
  const [params, setParams] = useSearchParams();
  const signedIn = useAuth().user !== null;
  const query = forViewer(queryFromParams(params), signedIn);
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

      <PromptFilters
        query={query}
        topics={shown?.topics ?? []}
        showPractice={signedIn}
        onChange={setFilter}
      />

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
          <NoMatches query={query} onClear={clearFilters} />
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

/** Why nothing matches, worded for the practice filter when it is the likely reason. */
function NoMatches({ query, onClear }: { query: PromptListQuery; onClear: () => void }) {
  const clear = (
    <button type="button" className="button button--secondary" onClick={onClear}>
      Clear filters
    </button>
  );
  if (query.practised === 'no') {
    return (
      <EmptyState title="You have practised every prompt that matches" action={clear}>
        <p>Clear the filters to pick from the whole library, or choose “Practised” to revisit one.</p>
      </EmptyState>
    );
  }
  if (query.practised === 'yes') {
    return (
      <EmptyState title="No practised prompts match" action={clear}>
        <p>
          A prompt counts as practised once a session on it has completed, whichever role you played.{' '}
          <Link to="/practice">Book a session</Link> to practise one.
        </p>
      </EmptyState>
    );
  }
  return (
    <EmptyState title="No prompts match these filters" action={clear}>
      <p>Try a shorter search or a different difficulty, topic or phase.</p>
    </EmptyState>
  );
}

import { Link, useParams } from 'react-router-dom';
import { getPrompt } from '../api/prompts';
import { InterviewerGuide } from '../components/InterviewerGuide';
import { ReferenceDesignSection } from '../diagram/ReferenceDesignSection';
import { Markdown } from '../components/Markdown';
import { PhaseBar } from '../components/PhaseBar';
import { PromptMeta } from '../components/PromptMeta';
import { EmptyState, ErrorState, LoadingState } from '../components/StatusViews';
import { TagList } from '../components/TagList';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';

export function PromptPage() {
  const { id = '' } = useParams();
  const prompt = useResource(`prompt:${id}`, (signal) => getPrompt(id, signal));
  useDocumentTitle(prompt.status === 'success' ? prompt.data.title : 'Prompt');

  return (
    <div className="container page page--narrow">
      <Link to="/prompts" className="back-link">
        <span aria-hidden="true">←</span> All prompts
      </Link>
      {prompt.status === 'loading' ? (
        <>
          <h1 className="visually-hidden">Prompt</h1>
          <LoadingState label="Loading the prompt…" />
        </>
      ) : prompt.status === 'error' ? (
        prompt.error.status === 404 ? (
          <EmptyState
            level={1}
            title="Prompt not found"
            action={
              <Link to="/prompts" className="button">
                Browse all prompts
              </Link>
            }
          >
            <p>There is no prompt called “{id}”. It may have been renamed or removed.</p>
          </EmptyState>
        ) : (
          <ErrorState
            level={1}
            title="Could not load this prompt"
            error={prompt.error}
            onRetry={prompt.retry}
          />
        )
      ) : (
        <article className="prompt">
          <header className="prompt__header">
            <PromptMeta prompt={prompt.data} />
            <h1 className="prompt__title">{prompt.data.title}</h1>
            <p className="prompt__summary">{prompt.data.summary}</p>
            <TagList tags={prompt.data.tags} />
          </header>

          <section className="prompt__section" aria-labelledby="time-plan">
            <h2 id="time-plan">
              Time plan <span className="heading-note">{prompt.data.totalMinutes} minutes</span>
            </h2>
            <PhaseBar plan={prompt.data.timePlan} />
          </section>

          <section className="prompt__section" aria-labelledby="problem-statement">
            <h2 id="problem-statement">Problem statement</h2>
            <Markdown>{prompt.data.problemStatement}</Markdown>
          </section>

          {prompt.data.guide && (
            <InterviewerGuide
              guide={prompt.data.guide}
              referenceDesign={<ReferenceDesignSection source={{ promptId: prompt.data.id }} />}
            />
          )}
        </article>
      )}
    </div>
  );
}

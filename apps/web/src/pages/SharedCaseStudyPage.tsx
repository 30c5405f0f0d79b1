import type { CaseStudy } from '@mockboard/contracts';
import { Link, useParams } from 'react-router-dom';
import { getSharedCaseStudy } from '../api/scoring';
import { Markdown } from '../components/Markdown';
import { EmptyState, ErrorState, LoadingState } from '../components/StatusViews';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
import { CaseStudyFeedback } from '../portfolio/CaseStudyFeedback';
import { browserTimeZone } from '../components/time-zones';
import { formatDateTime, timeZoneSuffix } from '../time/format';

/** A case study someone shared publicly: readable without signing in, nothing to edit. */
export function SharedCaseStudyPage() {
  const { token = '' } = useParams();
  const resource = useResource(`shared:${token}`, (signal) => getSharedCaseStudy(token, signal));
  useDocumentTitle(resource.status === 'success' ? resource.data.title : 'Case study');

  return (
    <div className="container page page--narrow shared-page">
      {resource.status === 'loading' ? (
        <>
          <h1 className="visually-hidden">Case study</h1>
          <LoadingState label="Loading the case study…" />
        </>
      ) : resource.status === 'error' ? (
        resource.error.status === 404 ? (
          <EmptyState
            level={1}
            title="This link no longer works"
            action={
              <Link to="/prompts" className="button">
                Browse the prompts
              </Link>
            }
          >
            <p>Its owner may have stopped sharing the case study.</p>
          </EmptyState>
        ) : (
          <ErrorState
            level={1}
            title="Could not load the case study"
            error={resource.error}
            onRetry={resource.retry}
          />
        )
      ) : (
        <CaseStudyArticle study={resource.data} />
      )}
    </div>
  );
}

function CaseStudyArticle({ study }: { study: CaseStudy }) {
  // The reader is usually not signed in, so the browser's zone is the only one there is; it is
  // named, since the author and the reader are often in different zones.
  const zone = browserTimeZone();
  return (
    <article className="case-study-page">
      <header className="page-header">
        <p className="eyebrow">System design case study</p>
        <h1>{study.title}</h1>
        <p className="muted">
          Practised on Mockboard, {formatDateTime(new Date(study.startsAt), zone)}
          {timeZoneSuffix(zone)}
        </p>
      </header>
      {/* Each round drew on its own board: with two rounds, each shows in its own section. */}
      {study.rounds.length <= 1 && (
        <figure className="whiteboard-figure">
          <img src={study.whiteboardSvgUrl} alt={`The whiteboard of ${study.title}`} />
          <figcaption>The whiteboard at the end of the session.</figcaption>
        </figure>
      )}
      {study.rounds.map((round) => {
        const feedback = study.feedback.find((entry) => entry.round === round.number);
        return (
          <section key={round.number} className="case-study-round" aria-labelledby={`round-${round.number}`}>
            <h2 id={`round-${round.number}`}>
              {study.rounds.length > 1 && <span className="round__number">Round {round.number}</span>}
              {round.promptTitle ?? 'Prompt not recorded'}
            </h2>
            <p className="muted">
              {round.role === 'candidate' ? 'Designed as the candidate.' : 'Conducted as the interviewer.'}
              {round.promptId && (
                <>
                  {' '}
                  <Link to={`/prompts/${encodeURIComponent(round.promptId)}`}>Read the prompt</Link>
                </>
              )}
            </p>
            {study.rounds.length > 1 && (
              <figure className="whiteboard-figure">
                <img src={round.whiteboardSvgUrl} alt={`The whiteboard of round ${round.number}`} />
                <figcaption>Round {round.number}&rsquo;s whiteboard at the end of the round.</figcaption>
              </figure>
            )}
            {round.problemStatement && <Markdown>{round.problemStatement}</Markdown>}
            {feedback && <CaseStudyFeedback feedback={feedback} />}
          </section>
        );
      })}
    </article>
  );
}

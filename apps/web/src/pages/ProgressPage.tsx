import type { ProgressResponse, Rubric, User } from '@mockboard/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { getRubric } from '../api/rubric';
import { getProgress } from '../api/scoring';
import { useAuth } from '../auth/AuthContext';
import { EmptyState, ErrorState, LoadingState } from '../components/StatusViews';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
import { CalibrationChart } from '../progress/CalibrationChart';
import { HistoryList } from '../progress/HistoryList';
import { PromptCoverage } from '../progress/PromptCoverage';
import { TrendChart } from '../progress/TrendChart';
import { formatScore } from '../scoring/scorecard-draft';

/** Rendered inside <RequireAuth>, so a user is always present. */
export function ProgressPage() {
  useDocumentTitle('Progress');
  const { user } = useAuth();
  const resource = useResource('progress', async (signal) => {
    const [progress, rubric] = await Promise.all([getProgress(signal), getRubric(signal)]);
    return { progress, rubric };
  });

  return (
    <div className="container page progress-page">
      <header className="page-header">
        <h1>Your progress</h1>
        <p className="page-header__lead">
          How your partners score you on each rubric dimension over time, and how your own view compares.
        </p>
      </header>
      {resource.status === 'loading' ? (
        <LoadingState label="Loading your progress…" />
      ) : resource.status === 'error' ? (
        <ErrorState title="Could not load your progress" error={resource.error} onRetry={resource.retry} />
      ) : user ? (
        <Progress {...resource.data} user={user} />
      ) : null}
    </div>
  );
}

function Progress({ progress, rubric, user }: { progress: ProgressResponse; rubric: Rubric; user: User }) {
  const scored = progress.dimensions.some((dimension) => dimension.points.length > 0);
  if (!scored && progress.history.length === 0) {
    return (
      <EmptyState
        title="Your progress appears after your first scored session"
        action={
          <Link to="/practice" className="button">
            Book a session
          </Link>
        }
      >
        <p>Practise with a partner, score each other on the rubric, and your trend starts here.</p>
      </EmptyState>
    );
  }
  const titles = new Map(progress.dimensions.map((dimension) => [dimension.dimensionId, dimension.title]));
  const names = (ids: readonly string[]) => ids.map((id) => titles.get(id) ?? id);
  const level = levelAverage(progress.dimensions);

  return (
    <div className="progress-layout">
      <dl className="stats progress-stats">
        <div>
          <dt>Weekly streak</dt>
          <dd>
            {progress.streakWeeks} {progress.streakWeeks === 1 ? 'week' : 'weeks'}
          </dd>
        </div>
        <div>
          <dt>Sessions</dt>
          <dd>{progress.history.length}</dd>
        </div>
        <div>
          <dt>Prompts done</dt>
          <dd>
            {progress.promptsDone.length} of {progress.promptsDone.length + progress.promptsNotDone.length}
          </dd>
        </div>
      </dl>

      <Section id="trend" title="Trend by dimension" className="progress-section--wide">
        {scored ? (
          <TrendChart dimensions={progress.dimensions} levels={rubric.levels} zone={user.timezone} />
        ) : (
          <p className="muted">Your trend appears once a partner’s scorecard about you is revealed.</p>
        )}
      </Section>

      <Section id="extremes" title="Strongest and weakest">
        <div className="extremes">
          <ExtremeList title="Strongest" items={names(progress.strongest)} tone="strong" />
          <ExtremeList title="Needs the most work" items={names(progress.weakest)} tone="weak" />
        </div>
        {progress.strongest.length > 0 && (
          <p className="muted extremes__rule">
            {level !== null &&
              `Every dimension you were scored on averages ${formatScore(level)} so far: none stands out yet, and the lists only follow the rule. `}
            {EXTREMES_TIE_RULE}
          </p>
        )}
      </Section>

      <Section id="calibration" title="Calibration: you vs your partners">
        <CalibrationChart dimensions={progress.dimensions} />
      </Section>

      <Section id="prompts" title="Prompts" className="progress-section--wide">
        <PromptCoverage done={progress.promptsDone} notDone={progress.promptsNotDone} />
      </Section>

      <Section id="history" title="History" className="progress-section--wide">
        {progress.history.length === 0 ? (
          <p className="muted">No sessions yet.</p>
        ) : (
          <HistoryList history={progress.history} zone={user.timezone} />
        )}
      </Section>
    </div>
  );
}

/** The one average every scored dimension shares, when they all do (then nothing stands out). */
function levelAverage(dimensions: ProgressResponse['dimensions']): number | null {
  const averages = new Set(dimensions.flatMap((dimension) => dimension.partnerAverage ?? []));
  return averages.size === 1 ? [...averages][0]! : null;
}

/** The server's tie rule, in words (libs/rubric progress.ts, strongestAndWeakest). */
const EXTREMES_TIE_RULE =
  'Equal averages go to the dimension scored in more rounds (more evidence), then to the one listed first in the rubric.';

function Section({
  id,
  title,
  className,
  children,
}: {
  id: string;
  title: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section
      className={`panel progress-section${className ? ` ${className}` : ''}`}
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function ExtremeList({ title, items, tone }: { title: string; items: string[]; tone: 'strong' | 'weak' }) {
  return (
    <div className={`extreme extreme--${tone}`}>
      <h3 className="extreme__title">{title}</h3>
      {items.length === 0 ? (
        <p className="muted">Not enough scores yet.</p>
      ) : (
        <ul className="extreme__list">
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

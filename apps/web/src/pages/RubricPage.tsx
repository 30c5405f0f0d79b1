import { getRubric } from '../api/rubric';
import { useAuth } from '../auth/AuthContext';
import { HintWeightingSection } from '../components/HintWeightingSection';
import { RecommendationScale } from '../components/RecommendationScale';
import { RubricDimensionSection } from '../components/RubricDimensionSection';
import { RubricOverview } from '../components/RubricOverview';
import { ErrorState, LoadingState } from '../components/StatusViews';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';

export function RubricPage() {
  useDocumentTitle('Rubric');
  const { user } = useAuth();
  const rubric = useResource('rubric', getRubric);

  return (
    <div className="container page">
      <header className="page-header">
        <h1>Scoring rubric</h1>
        <p className="page-header__lead">
          Every session is scored on the same weighted dimensions. Each level describes what the candidate
          observably does, so two peers scoring the same session land close together.
        </p>
      </header>

      {rubric.status === 'loading' ? (
        <LoadingState label="Loading the rubric…" />
      ) : rubric.status === 'error' ? (
        <ErrorState title="Could not load the rubric" error={rubric.error} onRetry={rubric.retry} />
      ) : (
        <div className="rubric-layout">
          <aside className="rubric-layout__aside">
            <RubricOverview rubric={rubric.data} />
          </aside>
          <div className="rubric-layout__main">
            {rubric.data.dimensions.map((dimension) => (
              <RubricDimensionSection
                key={dimension.id}
                dimension={dimension}
                levels={rubric.data.levels}
                highlight={user?.targetLevel ?? undefined}
              />
            ))}
            <HintWeightingSection rubric={rubric.data} />
            <RecommendationScale recommendations={rubric.data.recommendations} />
            <p className="rubric-version">Rubric version {rubric.data.version}</p>
          </div>
        </div>
      )}
    </div>
  );
}

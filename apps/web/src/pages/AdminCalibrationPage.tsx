import type { AdminCalibrationResponse, Rubric } from '@mockboard/contracts';
import { Link } from 'react-router-dom';
import { getRubric } from '../api/rubric';
import { getAdminCalibration } from '../api/scoring';
import { RequireAdmin } from '../components/RequireAdmin';
import { EmptyState, ErrorState, LoadingState } from '../components/StatusViews';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
import { formatLevel } from '../progress/trend-data';
import { formatScore } from '../scoring/scorecard-draft';

/** Rendered inside <RequireAuth>; <RequireAdmin> lets only admins in (the API checks it too). */
export function AdminCalibrationPage() {
  useDocumentTitle('Calibration');
  return <RequireAdmin what="Calibration across all sessions">{() => <Calibration />}</RequireAdmin>;
}

function Calibration() {
  const resource = useResource('admin-calibration', async (signal) => {
    const [calibration, rubric] = await Promise.all([getAdminCalibration(signal), getRubric(signal)]);
    return { calibration, rubric };
  });
  return (
    <div className="container page">
      <header className="page-header">
        <h1>Calibration</h1>
        <p className="page-header__lead">
          Average partner scores per prompt and dimension. A prompt scoring far below the others on one
          dimension may need a clearer guide or different anchors.
        </p>
      </header>
      {resource.status === 'loading' ? (
        <LoadingState label="Loading calibration…" />
      ) : resource.status === 'error' ? (
        <ErrorState title="Could not load calibration" error={resource.error} onRetry={resource.retry} />
      ) : resource.data.calibration.prompts.length === 0 ? (
        <EmptyState title="No scored sessions yet">
          <p>Averages appear once interviewers submit scorecards.</p>
        </EmptyState>
      ) : (
        <CalibrationTable {...resource.data} />
      )}
    </div>
  );
}

function CalibrationTable({
  calibration,
  rubric,
}: {
  calibration: AdminCalibrationResponse;
  rubric: Rubric;
}) {
  return (
    <div
      className="table-scroll calibration-table-wrap"
      role="region"
      aria-labelledby="calibration-caption"
      tabIndex={0}
    >
      <table className="data-table calibration-table">
        <caption id="calibration-caption" className="visually-hidden">
          Average level (1–4) per prompt and rubric dimension, with how many scorecards scored it
        </caption>
        <thead>
          <tr>
            <th scope="col">Prompt</th>
            <th scope="col">Sessions</th>
            <th scope="col">Average score</th>
            {rubric.dimensions.map((dimension) => (
              <th key={dimension.id} scope="col">
                {dimension.title}
              </th>
            ))}
            <th scope="col">Interviewer clarity</th>
            <th scope="col">Interviewer helpfulness</th>
          </tr>
        </thead>
        <tbody>
          {byActivity(calibration.prompts).map((prompt) => {
            const byId = new Map(prompt.dimensions.map((dimension) => [dimension.dimensionId, dimension]));
            return (
              <tr key={prompt.promptId}>
                <th scope="row">
                  <Link to={`/prompts/${encodeURIComponent(prompt.promptId)}`}>{prompt.title}</Link>
                </th>
                <td className="numeric">{prompt.sessions}</td>
                <td className="numeric">{formatScore(prompt.averageScore)}</td>
                {rubric.dimensions.map((dimension) => {
                  const cell = byId.get(dimension.id);
                  return (
                    <td key={dimension.id} className="numeric">
                      {cell === undefined || cell.average === null
                        ? '–'
                        : formatLevel(Math.round(cell.average * 100) / 100)}
                      {cell && cell.scored > 0 && <span className="numeric__count"> n={cell.scored}</span>}
                    </td>
                  );
                })}
                <RatingCell
                  value={prompt.interviewerRatings.clarity}
                  rated={prompt.interviewerRatings.rated}
                />
                <RatingCell
                  value={prompt.interviewerRatings.helpfulness}
                  rated={prompt.interviewerRatings.rated}
                />
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A 1–5 average of candidates' private ratings; never tied to a name here. */
function RatingCell({ value, rated }: { value: number | null; rated: number }) {
  return (
    <td className="numeric">
      {value === null ? '–' : value.toFixed(1)}
      {rated > 0 && <span className="numeric__count"> n={rated}</span>}
    </td>
  );
}

/** Prompts with scored sessions first (most first), then the rest in library order. */
function byActivity(prompts: AdminCalibrationResponse['prompts']): AdminCalibrationResponse['prompts'] {
  return [...prompts].sort((a, b) => b.sessions - a.sessions);
}

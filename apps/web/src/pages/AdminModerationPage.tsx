import { listReports, moderationLog } from '../api/moderation';
import { RequireAdmin } from '../components/RequireAdmin';
import { EmptyState, ErrorState, LoadingState } from '../components/StatusViews';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
import { AdminReportCard } from '../moderation/AdminReportCard';
import { ModerationLogTable } from '../moderation/ModerationLogTable';

/** Rendered inside <RequireAuth>; <RequireAdmin> lets only admins in (the API checks it too). */
export function AdminModerationPage() {
  useDocumentTitle('Moderation');
  return <RequireAdmin what="Moderation">{(admin) => <Moderation zone={admin.timezone} />}</RequireAdmin>;
}

function Moderation({ zone }: { zone: string }) {
  const reports = useResource('admin-open-reports', (signal) => listReports('open', signal));
  const log = useResource('admin-moderation-log', (signal) => moderationLog(signal));
  const reload = () => {
    reports.retry();
    log.retry();
  };

  return (
    <div className="container page">
      <header className="page-header">
        <h1>Moderation</h1>
        <p className="page-header__lead">
          Open reports, oldest first, with the session to replay. Every decision is recorded below.
        </p>
      </header>
      <section aria-labelledby="open-reports-title">
        <h2 id="open-reports-title">Open reports</h2>
        {reports.status === 'loading' ? (
          <LoadingState label="Loading reports…" />
        ) : reports.status === 'error' ? (
          <ErrorState title="Could not load reports" error={reports.error} onRetry={reports.retry} />
        ) : reports.data.reports.length === 0 ? (
          <EmptyState title="No open reports">
            <p>Reports that participants make appear here.</p>
          </EmptyState>
        ) : (
          <ul className="moderation-reports">
            {reports.data.reports.map((report) => (
              <AdminReportCard key={report.id} report={report} zone={zone} onActed={reload} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="moderation-log-title">
        <h2 id="moderation-log-title">Audit log</h2>
        {log.status === 'loading' ? (
          <LoadingState label="Loading the log…" />
        ) : log.status === 'error' ? (
          <ErrorState title="Could not load the log" error={log.error} onRetry={log.retry} />
        ) : log.data.entries.length === 0 ? (
          <EmptyState title="Nothing recorded yet">
            <p>Warnings, suspensions, bans and resolved reports are listed here.</p>
          </EmptyState>
        ) : (
          <ModerationLogTable entries={log.data.entries} zone={zone} />
        )}
      </section>
    </div>
  );
}

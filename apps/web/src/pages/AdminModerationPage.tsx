import type { ReportStatus } from '@mockboard/contracts';
import { useId, useRef, useState } from 'react';
import { listReports, listRestrictedAccounts, moderationLog } from '../api/moderation';
import { RequireAdmin } from '../components/RequireAdmin';
import { EmptyState, ErrorState, LoadingState } from '../components/StatusViews';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { latestData, useResource } from '../hooks/useResource';
import { AdminReportCard } from '../moderation/AdminReportCard';
import { ModerationLogTable } from '../moderation/ModerationLogTable';
import { RestrictedAccounts } from '../moderation/RestrictedAccounts';

/** Rendered inside <RequireAuth>; <RequireAdmin> lets only admins in (the API checks it too). */
export function AdminModerationPage() {
  useDocumentTitle('Moderation');
  return <RequireAdmin what="Moderation">{(admin) => <Moderation zone={admin.timezone} />}</RequireAdmin>;
}

function Moderation({ zone }: { zone: string }) {
  const [showing, setShowing] = useState<ReportStatus>('open');
  const reports = useResource(`admin-reports:${showing}`, (signal) => listReports(showing, signal));
  const restricted = useResource('admin-restricted-accounts', (signal) => listRestrictedAccounts(signal));
  const log = useResource('admin-moderation-log', (signal) => moderationLog(signal));
  const [done, setDone] = useState<string | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const filterId = useId();

  // The card or row acted on is about to leave its list: focus goes to the line that says what
  // happened, and the lists reload in place (the previous data stays on screen meanwhile).
  const acted = (message: string) => {
    setDone(message);
    statusRef.current?.focus();
    reports.retry();
    restricted.retry();
    log.retry();
  };
  const shownReports = latestData(reports);
  const shownRestricted = latestData(restricted);
  const shownLog = latestData(log);

  return (
    <div className="container page">
      <header className="page-header">
        <h1>Moderation</h1>
        <p className="page-header__lead">
          Reports, oldest first, with the session to replay; the accounts suspended or banned now. Every
          decision is recorded below.
        </p>
      </header>
      {/* Always mounted, so the success of an action is announced; focusable to keep focus on the page. */}
      <p className="form__status" role="status" aria-live="polite" tabIndex={-1} ref={statusRef}>
        {done}
      </p>
      <section aria-labelledby="reports-title">
        <h2 id="reports-title">{showing === 'open' ? 'Open reports' : 'Resolved reports'}</h2>
        <label className="field" htmlFor={filterId}>
          <span className="field__label">Show</span>
          <select
            id={filterId}
            className="input"
            value={showing}
            onChange={(event) => setShowing(event.target.value as ReportStatus)}
          >
            <option value="open">Open reports</option>
            <option value="resolved">Resolved reports</option>
          </select>
        </label>
        {reports.status === 'error' ? (
          <ErrorState title="Could not load reports" error={reports.error} onRetry={reports.retry} />
        ) : !shownReports ? (
          <LoadingState label="Loading reports…" />
        ) : shownReports.reports.length === 0 ? (
          <EmptyState title={showing === 'open' ? 'No open reports' : 'No resolved reports'}>
            <p>Reports that participants make appear here.</p>
          </EmptyState>
        ) : (
          <ul className="moderation-reports" aria-busy={reports.status === 'loading'}>
            {shownReports.reports.map((report) => (
              <AdminReportCard key={report.id} report={report} zone={zone} onActed={acted} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="restricted-title">
        <h2 id="restricted-title">Restricted accounts</h2>
        {restricted.status === 'error' ? (
          <ErrorState
            title="Could not load the restricted accounts"
            error={restricted.error}
            onRetry={restricted.retry}
          />
        ) : !shownRestricted ? (
          <LoadingState label="Loading the restricted accounts…" />
        ) : shownRestricted.accounts.length === 0 ? (
          <EmptyState title="Nobody is suspended or banned">
            <p>Suspended and banned accounts appear here, to reinstate.</p>
          </EmptyState>
        ) : (
          <RestrictedAccounts accounts={shownRestricted.accounts} zone={zone} onActed={acted} />
        )}
      </section>
      <section aria-labelledby="moderation-log-title">
        <h2 id="moderation-log-title">Audit log</h2>
        {log.status === 'error' ? (
          <ErrorState title="Could not load the log" error={log.error} onRetry={log.retry} />
        ) : !shownLog ? (
          <LoadingState label="Loading the log…" />
        ) : shownLog.entries.length === 0 ? (
          <EmptyState title="Nothing recorded yet">
            <p>Warnings, suspensions, bans and resolved reports are listed here.</p>
          </EmptyState>
        ) : (
          <ModerationLogTable entries={shownLog.entries} zone={zone} />
        )}
      </section>
    </div>
  );
}

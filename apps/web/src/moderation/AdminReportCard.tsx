import { REPORT_REASON_LABELS, type AdminReport, type ModerationAction } from '@mockboard/contracts';
import { useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { moderateUser, resolveReport } from '../api/moderation';
import { ActionFeedback } from '../components/ActionFeedback';
import { ConfirmDanger } from '../components/ConfirmDanger';
import { TextAreaField } from '../components/TextAreaField';
import { useAsyncAction } from '../hooks/useAsyncAction';
import { formatDateTime } from '../time/format';

const DAY = 24 * 60 * 60_000;
const SUSPENSION_DAYS = [1, 7, 30] as const;

interface AdminReportCardProps {
  report: AdminReport;
  zone: string;
  /**
   * After an action, with what it did in words: the report leaves the open list and the log gains
   * a row, so the page says it and takes focus (this card is about to go).
   */
  onActed: (done: string) => void;
}

/**
 * One report: the evidence and, while open, a reason and the actions (each resolves the report);
 * suspend and ban ask to confirm in the card first. A resolved one shows how it was resolved.
 */
export function AdminReportCard({ report, zone, onActed }: AdminReportCardProps) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [days, setDays] = useState<(typeof SUSPENSION_DAYS)[number]>(7);
  const { run, pending, error } = useAsyncAction();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [confirming, setConfirming] = useState<'suspend' | 'ban' | null>(null);
  const subject = report.subject;

  function reasonGiven(): boolean {
    if (reason.trim()) return true;
    setReasonError('Say why: the reason goes into the audit log (and, for a warning, to the person).');
    reasonRef.current?.focus();
    return false;
  }

  async function act(action: ModerationAction | 'dismiss') {
    if (!reasonGiven()) return;
    const done = await run(() =>
      action === 'dismiss'
        ? resolveReport(report.id, reason.trim())
        : moderateUser(subject.id, {
            action,
            reason: reason.trim(),
            reportId: report.id,
            until: action === 'suspend' ? new Date(Date.now() + days * DAY).toISOString() : undefined,
          }),
    );
    if (!done) return;
    setConfirming(null);
    onActed(
      {
        warn: `${subject.displayName} is warned.`,
        suspend: `${subject.displayName} is suspended for ${days === 1 ? '1 day' : `${days} days`}.`,
        ban: `${subject.displayName} is banned.`,
        reinstate: `${subject.displayName} is reinstated.`,
        dismiss: 'The report is dismissed.',
      }[action],
    );
  }

  if (report.resolution) {
    return (
      <li className="panel moderation-report" aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`}>
          {REPORT_REASON_LABELS[report.reason]}: {subject.displayName}
        </h3>
        <p>
          Resolved by {report.resolution.by} on {formatDateTime(new Date(report.resolution.at), zone)}:{' '}
          {report.resolution.note}
        </p>
        <p>
          Reported by {report.reporter.displayName} · {report.comment ?? 'no comment'} ·{' '}
          <Link to={report.session.replayPath}>Replay the board and chat</Link>
        </p>
      </li>
    );
  }

  return (
    <li className="panel moderation-report" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {REPORT_REASON_LABELS[report.reason]}: {subject.displayName}
      </h3>
      <dl className="moderation-report__facts">
        <dt>Reported by</dt>
        <dd>
          {report.reporter.displayName} ({report.reporter.email}) on{' '}
          {formatDateTime(new Date(report.createdAt), zone)}
        </dd>
        <dt>Reported person</dt>
        <dd>
          {subject.displayName} ({subject.email}) · {subject.earlierReports} earlier report
          {subject.earlierReports === 1 ? '' : 's'}
          {subject.standing.state !== 'good' &&
            ` · ${subject.standing.state}${subject.standing.until ? ` until ${formatDateTime(new Date(subject.standing.until), zone)}` : ''}`}
        </dd>
        <dt>Session</dt>
        <dd>
          {formatDateTime(new Date(report.session.startsAt), zone)} · {report.session.status}
          {report.session.prompts.length > 0 && ` · ${report.session.prompts.join(', ')}`} ·{' '}
          <Link to={report.session.replayPath}>Replay the board and chat</Link>
        </dd>
        <dt>Comment</dt>
        <dd>{report.comment ?? <span className="field__hint">No comment</span>}</dd>
      </dl>
      <TextAreaField
        ref={reasonRef}
        label="Reason for your decision"
        name="reason"
        hint="Recorded in the audit log; a warning shows it to the person."
        rows={2}
        value={reason}
        error={reasonError}
        onChange={(event) => {
          setReason(event.target.value);
          setReasonError(undefined);
        }}
      />
      <div className="moderation-report__actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={pending}
          onClick={() => act('warn')}
        >
          Warn
        </button>
        <label className="field">
          <span className="field__label">Suspend for</span>
          <select
            className="input"
            value={days}
            onChange={(event) => setDays(Number(event.target.value) as (typeof SUSPENSION_DAYS)[number])}
          >
            {SUSPENSION_DAYS.map((option) => (
              <option key={option} value={option}>
                {option === 1 ? '1 day' : `${option} days`}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button button--danger"
          disabled={pending}
          onClick={() => reasonGiven() && setConfirming('suspend')}
        >
          Suspend…
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={pending}
          onClick={() => reasonGiven() && setConfirming('ban')}
        >
          Ban…
        </button>
        <button
          type="button"
          className="button button--ghost"
          disabled={pending}
          onClick={() => act('dismiss')}
        >
          Dismiss
        </button>
      </div>
      {confirming && (
        <ConfirmDanger
          confirmLabel={
            confirming === 'ban' ? `Ban ${subject.displayName}` : `Suspend ${subject.displayName}`
          }
          cancelLabel="Keep the account"
          pending={pending}
          onConfirm={() => act(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>
            {confirming === 'ban'
              ? `Ban ${subject.displayName} until an admin reinstates them?`
              : `Suspend ${subject.displayName} for ${days === 1 ? '1 day' : `${days} days`}?`}{' '}
            They are signed out everywhere, their upcoming sessions are cancelled (their partners are told)
            and their open slots withdrawn.
          </p>
        </ConfirmDanger>
      )}
      <ActionFeedback status={null} error={error} />
    </li>
  );
}

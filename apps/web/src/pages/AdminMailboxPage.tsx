import type { DevMail } from '@mockboard/contracts';
import { useState } from 'react';
import { getDevMailbox } from '../api/dev-mailbox';
import { RequireAdmin } from '../components/RequireAdmin';
import { EmptyState, ErrorState, LoadingState } from '../components/StatusViews';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { latestData, useResource } from '../hooks/useResource';
import { formatDateTime, timeZoneSuffix } from '../time/format';

/** Rendered inside <RequireAuth>; <RequireAdmin> lets only admins in (the API checks it too). */
export function AdminMailboxPage() {
  useDocumentTitle('Dev mailbox');
  return <RequireAdmin what="The dev mailbox">{(admin) => <Mailbox zone={admin.timezone} />}</RequireAdmin>;
}

function Mailbox({ zone }: { zone: string }) {
  const resource = useResource('dev-mailbox', getDevMailbox);
  // A refresh keeps the list (and the Refresh button, with focus on it) on screen while it loads.
  const mailbox = latestData(resource);
  const refreshing = resource.status === 'loading';
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <div className="container page">
      <header className="page-header">
        <h1>Dev mailbox</h1>
        <p className="page-header__lead">
          Without <code>SMTP_URL</code>, Mockboard writes each email here (and to the server log) instead of
          sending it: the newest 200, newest first.
        </p>
      </header>
      {resource.status === 'error' ? (
        <ErrorState title="Could not load the mailbox" error={resource.error} onRetry={resource.retry} />
      ) : !mailbox ? (
        <LoadingState label="Loading the mailbox…" />
      ) : (
        <>
          {mailbox.deliversToSmtp && (
            <p className="notice dev-mailbox__smtp" role="status">
              <code>SMTP_URL</code> is set: new mail goes to the SMTP server, not to this page. What is listed
              here was written before it was set.
            </p>
          )}
          <p>
            <button
              type="button"
              className="button button--secondary"
              onClick={resource.retry}
              disabled={refreshing}
            >
              {refreshing ? 'Refreshing…' : 'Refresh'}
            </button>
          </p>
          {mailbox.messages.length === 0 ? (
            <EmptyState title="No mail yet">
              <p>Sign-ups, password resets and bookings write their emails here.</p>
            </EmptyState>
          ) : (
            <div className="dev-mailbox">
              <ul className="dev-mailbox__list" aria-label="Messages, newest first">
                {mailbox.messages.map((mail) => (
                  <li key={mail.id}>
                    <button
                      type="button"
                      className="dev-mailbox__item"
                      aria-expanded={openId === mail.id}
                      aria-controls={`dev-mail-${mail.id}`}
                      onClick={() => setOpenId((current) => (current === mail.id ? null : mail.id))}
                    >
                      <span className="dev-mailbox__subject">{mail.subject}</span>
                      <span className="dev-mailbox__meta">
                        to {mail.to} ·{' '}
                        <time dateTime={mail.sentAt}>
                          {formatDateTime(new Date(mail.sentAt), zone)}
                          {timeZoneSuffix(zone)}
                        </time>
                      </span>
                    </button>
                    {openId === mail.id && <OpenMail mail={mail} />}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </div>
  );
}

function OpenMail({ mail }: { mail: DevMail }) {
  return (
    <article id={`dev-mail-${mail.id}`} className="dev-mailbox__message" aria-label={mail.subject}>
      <dl className="dev-mailbox__headers">
        <dt>To</dt>
        <dd>{mail.to}</dd>
        <dt>Kind</dt>
        <dd>{mail.kind}</dd>
        {mail.attachments.length > 0 && (
          <>
            <dt>Attachments</dt>
            <dd>{mail.attachments.join(', ')}</dd>
          </>
        )}
      </dl>
      <h2 className="dev-mailbox__part-title">Plain text</h2>
      <pre className="dev-mailbox__text">{mail.text}</pre>
      <h2 className="dev-mailbox__part-title">HTML</h2>
      {/* sandbox="" : no scripts, no forms, no same-origin access; the mail's links open nothing here. */}
      <iframe
        className="dev-mailbox__html"
        title={`HTML part of “${mail.subject}”`}
        sandbox=""
        srcDoc={mail.html}
      />
    </article>
  );
}

import type { SignInSession } from '@mockboard/contracts';
import { useId, useState } from 'react';
import { listSignIns, revokeAllSignIns, revokeSignIn } from '../api/auth';
import { useAuth } from '../auth/AuthContext';
import { ActionFeedback } from '../components/ActionFeedback';
import { ConfirmDanger } from '../components/ConfirmDanger';
import { EmptyState, ErrorState, LoadingState } from '../components/StatusViews';
import { useAsyncAction } from '../hooks/useAsyncAction';
import { latestData, useResource } from '../hooks/useResource';
import { formatDateTime } from '../time/format';
import { deviceName } from './device-name';

/**
 * The user's active sign-ins (this browser marked), each revocable, and "Sign out everywhere".
 * Revoking a sign-in also closes its live connections at once. A new `version` (the password was
 * changed, which ends the other sign-ins) loads the list again; the old list stays on screen
 * until the new one arrives, rather than flashing a loading state.
 */
export function SignIns({ version = 0 }: { version?: number }) {
  const sessions = useResource(`sign-ins:${version}`, (signal) => listSignIns(signal));
  const { signOut, user } = useAuth();
  const zone = user?.timezone ?? 'UTC';
  const when = (instant: string) => formatDateTime(new Date(instant), zone);
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { run, pending, error } = useAsyncAction();
  const id = useId();

  async function revoke(session: SignInSession) {
    setStatus(null);
    const done = await run(() => revokeSignIn(session.id));
    if (!done) return;
    setRemoved((current) => new Set(current).add(session.id));
    setStatus(`Signed out ${deviceName(session.userAgent)}.`);
  }

  async function revokeAll() {
    setStatus(null);
    // This browser's sign-in ends too: leave through the ordinary sign-out (clears the cookie).
    if (await run(() => revokeAllSignIns())) await signOut().catch(() => undefined);
  }

  const shown = latestData(sessions);
  const visible = shown?.filter((session) => !removed.has(session.id)) ?? [];

  return (
    <section className="panel profile-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Where you are signed in</h2>
      <p className="section-lead">
        Browsers and apps signed in to your account. Sign out any you do not recognise, then change your
        password.
      </p>
      {sessions.status === 'error' ? (
        <ErrorState title="Could not load your sign-ins" error={sessions.error} onRetry={sessions.retry} />
      ) : shown === undefined ? (
        <LoadingState label="Loading your sign-ins…" />
      ) : visible.length === 0 ? (
        <EmptyState title="No other sign-ins">Only this browser is signed in.</EmptyState>
      ) : (
        <ul className="sign-ins" aria-label="Active sign-ins">
          {visible.map((session) => (
            <li key={session.id} className="sign-ins__item">
              <div className="sign-ins__what">
                <span className="sign-ins__device" title={session.userAgent ?? undefined}>
                  {deviceName(session.userAgent)}
                </span>
                {session.current && <span className="sign-ins__current">This browser</span>}
                <span className="sign-ins__meta">
                  {session.ip ? `${session.ip} · ` : ''}signed in {when(session.createdAt)} · last active{' '}
                  {when(session.lastSeenAt)}
                </span>
              </div>
              {!session.current && (
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => revoke(session)}
                  disabled={pending}
                  aria-label={`Sign out ${deviceName(session.userAgent)}, signed in ${when(session.createdAt)}`}
                >
                  Sign out
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ActionFeedback status={status} error={error} />
      {confirming ? (
        <ConfirmDanger
          confirmLabel="Sign out everywhere"
          cancelLabel="Cancel"
          pending={pending}
          onConfirm={revokeAll}
          onCancel={() => setConfirming(false)}
        >
          <p>Every browser and app signed in to your account is signed out, this one included.</p>
        </ConfirmDanger>
      ) : (
        <button type="button" className="button button--ghost" onClick={() => setConfirming(true)}>
          Sign out everywhere…
        </button>
      )}
    </section>
  );
}

import type { UnsubscribeInfo } from '@mockboard/contracts';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { describeUnsubscribe, resubscribe, unsubscribe } from '../api/mail-preferences';
import { ActionFeedback } from '../components/ActionFeedback';
import { ErrorState, LoadingState } from '../components/StatusViews';
import { useAsyncAction } from '../hooks/useAsyncAction';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { useResource } from '../hooks/useResource';
import { EMAIL_SECTION_ID } from './EmailPreferences';

const PREFERENCES_PATH = `/profile#${EMAIL_SECTION_ID}`;

/**
 * Where the unsubscribe link in each mail leads (PUBLIC_URL/unsubscribe?token=…). No sign-in: the
 * signed token names the reader and the kind. Opening the page changes nothing (mail scanners open
 * links); the reader confirms with a button, and can undo.
 */
export function UnsubscribePage() {
  useDocumentTitle('Unsubscribe');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const described = useResource(`unsubscribe:${token}`, (signal) => describeUnsubscribe(token, signal));
  const [current, setCurrent] = useState<UnsubscribeInfo | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const { run, pending, error } = useAsyncAction();
  const headingRef = useRef<HTMLHeadingElement>(null);

  // The button just pressed is replaced by the other state's: focus would fall to the page, so it
  // moves to the heading that now says what happened (and where the next action follows).
  useEffect(() => {
    if (current) headingRef.current?.focus();
  }, [current]);

  if (described.status === 'loading') return <LoadingState label="Checking your unsubscribe link…" />;
  if (described.status === 'error') {
    return (
      <div className="container page page--narrow">
        <ErrorState
          level={1}
          title="This unsubscribe link does not work"
          error={described.error}
          onRetry={described.retry}
        />
        <p>
          <Link to={PREFERENCES_PATH}>Sign in to choose your email preferences</Link>
        </p>
      </div>
    );
  }
  const info = current ?? described.data;

  const change = (action: typeof unsubscribe, done: string) =>
    run(async () => {
      setStatus(null);
      setCurrent(await action(token));
      setStatus(done);
    });

  return (
    <div className="container page page--narrow">
      <section className="panel unsubscribe" aria-labelledby="unsubscribe-title">
        {info.subscribed ? (
          <>
            <h1 id="unsubscribe-title" ref={headingRef} tabIndex={-1}>
              Stop emails about “{info.label}” to {info.email}?
            </h1>
            <p className="section-lead">Other emails from Mockboard are not affected.</p>
            <div className="unsubscribe__actions">
              <button
                type="button"
                className="button"
                disabled={pending}
                onClick={() => void change(unsubscribe, 'Unsubscribed.')}
              >
                Stop these emails
              </button>
            </div>
          </>
        ) : (
          <>
            <h1 id="unsubscribe-title" ref={headingRef} tabIndex={-1}>
              Done. You will not get these emails.
            </h1>
            <p className="section-lead">
              No more emails about “{info.label}” to {info.email}.
            </p>
            <p className="unsubscribe__actions">
              <button
                type="button"
                className="button button--secondary"
                disabled={pending}
                onClick={() => void change(resubscribe, 'Subscribed again: you will get these emails.')}
              >
                Undo
              </button>
              <span aria-hidden="true">·</span>
              <Link to={PREFERENCES_PATH}>All email preferences</Link>
            </p>
          </>
        )}
        <ActionFeedback status={status} error={error} />
      </section>
    </div>
  );
}

import { useId, useState } from 'react';
import { getCalendarFeedUrl, revokeCalendarFeedUrl } from '../api/calendar-feed';
import { ActionFeedback } from '../components/ActionFeedback';
import { ConfirmDanger } from '../components/ConfirmDanger';
import { CopyField, absoluteUrl } from '../components/CopyField';
import { ErrorState, LoadingState } from '../components/StatusViews';
import { useAsyncAction } from '../hooks/useAsyncAction';
import { useResource } from '../hooks/useResource';

/** The private feed URL for calendar apps, with Copy and Revoke (which makes a new one). */
export function CalendarSubscription() {
  const feed = useResource('calendar-feed', (signal) => getCalendarFeedUrl(signal));
  const [replaced, setReplaced] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const { run, pending: revoking, error, clearError } = useAsyncAction();
  const [confirming, setConfirming] = useState(false);
  const id = useId();
  const url = replaced ?? (feed.status === 'success' ? absoluteUrl(feed.data) : undefined);

  async function revoke() {
    await run(async () => {
      setReplaced(absoluteUrl(await revokeCalendarFeedUrl()));
      setStatus('Done: the old link no longer works. Subscribe again with this new one.');
      setConfirming(false);
    });
  }

  return (
    <section className="panel profile-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Calendar subscription</h2>
      <p className="section-lead">
        Add your sessions to Google Calendar, Apple Calendar or Outlook; they stay up to date when times
        change. Keep the link private: anyone who has it can see when your sessions are.
      </p>
      {feed.status === 'error' && !replaced ? (
        <ErrorState title="Could not load your calendar link" error={feed.error} onRetry={feed.retry} />
      ) : !url ? (
        <LoadingState label="Loading your calendar link…" />
      ) : (
        <>
          <CopyField
            id={`${id}-url`}
            label="Subscription URL"
            value={url}
            copiedMessage="Copied. Paste it into your calendar app’s “subscribe by URL”."
            onStatus={(message) => {
              clearError();
              setStatus(message);
            }}
          />
          <ActionFeedback status={status} error={error} />
          {confirming ? (
            <ConfirmDanger
              confirmLabel="Revoke and make a new link"
              cancelLabel="Keep this link"
              pending={revoking}
              onConfirm={revoke}
              onCancel={() => setConfirming(false)}
            >
              <p>
                The current link stops working at once, and calendars subscribed to it stop updating. You get
                a new link to subscribe with.
              </p>
            </ConfirmDanger>
          ) : (
            <button type="button" className="button button--ghost" onClick={() => setConfirming(true)}>
              Revoke link…
            </button>
          )}
        </>
      )}
    </section>
  );
}

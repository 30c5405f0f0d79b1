import type { MatchRequest } from '@mockboard/contracts';
import { useState } from 'react';
import { toApiRequestError } from '../api/client';
import { cancelMatchRequest, listMatchRequests } from '../api/matching';
import { FORMAT_LABELS, TARGET_LEVEL_LABELS } from '../components/labels';
import { ErrorState, LoadingState } from '../components/StatusViews';
import { useResource } from '../hooks/useResource';
import { formatDateTime } from '../time/format';

/** Scheduled match requests still waiting for a partner (practise-now has its own panel). */
export function MyMatchRequests({ zone, refreshKey }: { zone: string; refreshKey: number }) {
  const [cancelled, setCancelled] = useState(0);
  const requests = useResource(`match-requests:${refreshKey}:${cancelled}`, (signal) =>
    listMatchRequests(signal),
  );
  const all =
    requests.status === 'success'
      ? requests.data
      : requests.status === 'loading'
        ? requests.previous
        : undefined;
  const waiting = all?.filter((request) => request.status === 'pending' && !request.practiceNow);

  return (
    <div className="my-slots">
      <h3>Waiting for a match</h3>
      {requests.status === 'error' ? (
        <ErrorState
          title="Could not load your match requests"
          error={requests.error}
          onRetry={requests.retry}
        />
      ) : !waiting ? (
        <LoadingState label="Loading your requests…" />
      ) : waiting.length === 0 ? (
        <p className="muted">No requests waiting. Matched requests appear in My sessions.</p>
      ) : (
        <ul className="compact-list">
          {waiting.map((request) => (
            <li key={request.id}>
              <RequestRow request={request} zone={zone} onCancelled={() => setCancelled((n) => n + 1)} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function RequestRow({
  request,
  zone,
  onCancelled,
}: {
  request: MatchRequest;
  zone: string;
  onCancelled: () => void;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const when = formatDateTime(new Date(request.startsAt), zone);

  async function cancel() {
    setPending(true);
    setError(null);
    try {
      await cancelMatchRequest(request.id);
      onCancelled();
    } catch (caught) {
      setError(toApiRequestError(caught).message);
      setPending(false);
    }
  }

  return (
    <div className="compact-row">
      <div>
        <p className="compact-row__title">{when}</p>
        <p className="compact-row__meta">
          {FORMAT_LABELS[request.format]} · {request.level ? TARGET_LEVEL_LABELS[request.level] : 'Any level'}
        </p>
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
      </div>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={cancel}
        disabled={pending}
      >
        Cancel<span className="visually-hidden"> the request for {when}</span>
      </button>
    </div>
  );
}

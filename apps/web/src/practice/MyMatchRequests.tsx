import { cancelMatchRequest, listMatchRequests } from '../api/matching';
import { FORMAT_LABELS, TARGET_LEVEL_LABELS } from '../components/labels';
import { CancellableList } from './CancellableList';

/** Scheduled match requests still waiting for a partner (practise-now has its own panel). */
export function MyMatchRequests({ zone, refreshKey }: { zone: string; refreshKey: number }) {
  return (
    <CancellableList
      title="Waiting for a match"
      resourceKey={`match-requests:${refreshKey}`}
      load={async (signal) =>
        (await listMatchRequests(signal)).filter(
          (request) => request.status === 'pending' && !request.practiceNow,
        )
      }
      loadingLabel="Loading your requests…"
      errorTitle="Could not load your match requests"
      emptyText="No requests waiting. Matched requests appear in My sessions."
      zone={zone}
      meta={(request) =>
        `${FORMAT_LABELS[request.format]} · ${request.level ? TARGET_LEVEL_LABELS[request.level] : 'Any level'}`
      }
      cancelLabel="Cancel"
      cancelTarget={(when) => `the request for ${when}`}
      cancel={(request) => cancelMatchRequest(request.id)}
    />
  );
}

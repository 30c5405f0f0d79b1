import type { SessionStatus } from '@mockboard/contracts';
import { SESSION_STATUS_LABELS } from './labels';

export function StatusPill({ status }: { status: SessionStatus }) {
  return <span className={`status-pill status-pill--${status}`}>{SESSION_STATUS_LABELS[status]}</span>;
}

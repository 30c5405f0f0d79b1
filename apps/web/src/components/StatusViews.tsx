import type { ReactNode } from 'react';
import type { ApiRequestError } from '../api/client';

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="status status--loading" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

/** Pages that show a state instead of their content pass `level={1}` so the page keeps its h1. */
type HeadingLevel = 1 | 2;

function StateHeading({ level, children }: { level: HeadingLevel; children: ReactNode }) {
  return level === 1 ? (
    <h1 className="status__title">{children}</h1>
  ) : (
    <h2 className="status__title">{children}</h2>
  );
}

interface ErrorStateProps {
  title?: string;
  level?: HeadingLevel;
  error: ApiRequestError;
  onRetry: () => void;
}

/** Answers that asking again cannot change: what is missing, forbidden or malformed stays so. */
const FINAL_STATUSES: ReadonlySet<number> = new Set([400, 401, 403, 404, 410]);

export function ErrorState({ title = 'Something went wrong', level = 2, error, onRetry }: ErrorStateProps) {
  return (
    <div className="status status--error" role="alert">
      <StateHeading level={level}>{title}</StateHeading>
      <p className="status__text">{error.message}</p>
      {!FINAL_STATUSES.has(error.status) && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

interface EmptyStateProps {
  title: string;
  level?: HeadingLevel;
  children?: ReactNode;
  action?: ReactNode;
}

export function EmptyState({ title, level = 2, children, action }: EmptyStateProps) {
  return (
    <div className="status status--empty">
      <StateHeading level={level}>{title}</StateHeading>
      {children && <div className="status__text">{children}</div>}
      {action}
    </div>
  );
}

import type { ApiRequestError } from '../api/client';

/**
 * What the last action of a panel's buttons came to: its status line (a live region, always
 * rendered so it is announced) and, when the server refused it, the server's words as an alert.
 */
export function ActionFeedback({ status, error }: { status: string | null; error: ApiRequestError | null }) {
  return (
    <>
      <p className="form__status" role="status">
        {status}
      </p>
      {error && (
        <p className="field__error" role="alert">
          {error.message}
        </p>
      )}
    </>
  );
}

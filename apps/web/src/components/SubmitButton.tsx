import type { ReactNode } from 'react';

/**
 * A submit button that is disabled while its form is pending. Its text never changes (a spinner is
 * added instead), so its accessible name stays stable for screen readers and tests.
 */
export function SubmitButton({
  pending,
  children,
  block,
  disabledBy,
}: {
  pending: boolean;
  children: ReactNode;
  block?: boolean;
  /** The id of a visible reason the form cannot be sent yet: disables the button and describes it. */
  disabledBy?: string;
}) {
  return (
    <button
      type="submit"
      className={`button${block ? ' button--block' : ''}`}
      disabled={pending || Boolean(disabledBy)}
      aria-describedby={disabledBy}
    >
      {pending && <span className="spinner spinner--small" aria-hidden="true" />}
      {children}
    </button>
  );
}

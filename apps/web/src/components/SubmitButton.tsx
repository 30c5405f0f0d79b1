import type { ReactNode } from 'react';
import { busyButtonProps } from './busy-button';

/**
 * A submit button that does nothing while its form is pending (busyButtonProps: it keeps the
 * keyboard's focus). Its text never changes (a spinner is added instead), so its accessible name
 * stays stable for screen readers and tests.
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
      disabled={Boolean(disabledBy)}
      aria-describedby={disabledBy}
      {...busyButtonProps(pending)}
    >
      {pending && <span className="spinner spinner--small" aria-hidden="true" />}
      {children}
    </button>
  );
}

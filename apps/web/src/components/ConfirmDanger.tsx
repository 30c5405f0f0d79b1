import type { ReactNode } from 'react';

interface ConfirmDangerProps {
  /** What confirming does, said plainly. */
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** The confirmed action is running: the button waits with a spinner. */
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** An inline second step before an action that cannot be undone, in place of a modal dialog. */
export function ConfirmDanger({
  children,
  confirmLabel,
  cancelLabel,
  pending,
  onConfirm,
  onCancel,
}: ConfirmDangerProps) {
  return (
    <div className="warning">
      {children}
      <div className="form__actions">
        <button type="button" className="button button--danger" onClick={onConfirm} disabled={pending}>
          {pending && <span className="spinner spinner--small" aria-hidden="true" />}
          {confirmLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}

import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
}

/** Marks the control a dialog focuses as it opens, instead of its first one (`{...FOCUS_FIRST}`). */
export const FOCUS_FIRST = { 'data-dialog-focus': true } as const;

/**
 * A modal built on <dialog>: the browser traps focus, makes the page behind inert and closes it on
 * Escape (reported through `onClose`, so the owner decides when it unmounts). It opens on its first
 * control, or on the one marked FOCUS_FIRST (Cancel, where the first would do what cannot be undone).
 */
export function Dialog({ title, onClose, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    // Focus goes back where it was (e.g. the Book button) when the dialog goes away.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-dialog-focus]')?.focus();
    }
    return () => {
      dialog?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 className="dialog__title" id={titleId}>
        {title}
      </h2>
      {children}
    </dialog>
  );
}

import type { ReactNode } from 'react';

/** A form-level error (not tied to one field); role="alert" announces it as soon as it appears. */
export function FormAlert({ children }: { children?: ReactNode }) {
  // Kept mounted while empty so screen readers reliably announce the text when it is inserted.
  return (
    <div className={children ? 'form-alert' : undefined} role="alert">
      {children}
    </div>
  );
}

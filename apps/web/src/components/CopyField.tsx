import { useRef, type ReactNode } from 'react';

/** The server may answer with a path; a link to paste elsewhere needs the whole address. */
export function absoluteUrl(url: string): string {
  return new URL(url, window.location.origin).toString();
}

interface CopyFieldProps {
  id: string;
  label: string;
  value: string;
  /** What to tell the user once the link is on the clipboard. */
  copiedMessage: string;
  onStatus: (message: string) => void;
  className?: string;
  /** Further buttons beside Copy (e.g. Revoke). */
  children?: ReactNode;
}

/**
 * A read-only link with a Copy button. Where the clipboard is refused (plain HTTP, permissions),
 * the text is selected instead and the user is told how to copy it.
 */
export function CopyField({
  id,
  label,
  value,
  copiedMessage,
  onStatus,
  className,
  children,
}: CopyFieldProps) {
  const inputRef = useRef<HTMLInputElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      onStatus(copiedMessage);
    } catch {
      inputRef.current?.select();
      onStatus('Selected: press Ctrl+C (⌘C on a Mac) to copy.');
    }
  }

  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="copy-field">
        <input
          ref={inputRef}
          id={id}
          className="input input--mono"
          readOnly
          value={value}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="button button--secondary" onClick={() => void copy()}>
          Copy
        </button>
        {children}
      </div>
    </div>
  );
}

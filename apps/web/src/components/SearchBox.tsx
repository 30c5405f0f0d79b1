import { useEffect, useId, useRef, useState, type FormEvent } from 'react';

interface SearchBoxProps {
  /** The search currently applied (from the URL). */
  value: string;
  onSearch: (text: string) => void;
  label: string;
  placeholder?: string;
}

/** A search field that applies itself 300 ms after typing stops, or at once on Enter. */
export function SearchBox({ value, onSearch, label, placeholder }: SearchBoxProps) {
  const id = useId();
  const [text, setText] = useState(value);
  const [applied, setApplied] = useState(value);

  // When the URL changes under us (Back, "Clear filters"), show its value; adjusting state during
  // render is React's recommended way to follow a prop without an effect.
  if (value !== applied) {
    setApplied(value);
    if (value.trim() !== text.trim()) setText(value);
  }

  // Held in a ref so a parent re-render (new callback identity) does not restart the debounce.
  const onSearchRef = useRef(onSearch);
  useEffect(() => {
    onSearchRef.current = onSearch;
  });

  useEffect(() => {
    if (text.trim() === value.trim()) return;
    const timer = window.setTimeout(() => onSearchRef.current(text), 300);
    return () => window.clearTimeout(timer);
  }, [text, value]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim() !== value.trim()) onSearch(text);
  }

  return (
    <form role="search" className="search-box" onSubmit={submit}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <div className="search-box__control">
        <span className="search-box__icon" aria-hidden="true" />
        <input
          id={id}
          type="search"
          className="input search-box__input"
          value={text}
          maxLength={100}
          placeholder={placeholder}
          autoComplete="off"
          onChange={(event) => setText(event.target.value)}
        />
      </div>
    </form>
  );
}

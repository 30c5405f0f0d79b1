import { useEffect, useRef, useState } from 'react';

/**
 * The rendered width of an element, kept up to date: charts draw at real pixel size so their text
 * stays legible on a phone instead of shrinking with a scaled viewBox.
 */
export function useElementWidth<E extends HTMLElement>(fallback: number) {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

import { useEffect, useRef } from 'react';

/**
 * Asks before the tab closes or reloads while `unsaved()` holds (the browser words the question),
 * for as long as the component is mounted. Asked when the tab is about to go, so it needs no
 * re-render to be current. Leaving for another page of the app asks nothing: each page sends what
 * it still holds as it unmounts.
 */
export function useLeaveWarning(unsaved: () => boolean): void {
  const latest = useRef(unsaved);
  useEffect(() => {
    latest.current = unsaved;
  });
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (latest.current()) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);
}

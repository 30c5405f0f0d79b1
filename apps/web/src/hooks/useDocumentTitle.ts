import { useEffect } from 'react';

/** Sets the tab title, so history entries and screen-reader page announcements name the screen. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Mockboard` : 'Mockboard';
  }, [title]);
}

import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * The `token` of a link from a mail (verify, reset), read once; then taken out of the address bar
 * (history.replaceState through the router), so the working link does not stay in the browser's
 * history, its address suggestions or a screenshot of the page.
 */
export function useLinkToken(): string {
  const [searchParams, setSearchParams] = useSearchParams();
  const [token] = useState(() => searchParams.get('token') ?? '');
  useEffect(() => {
    if (!searchParams.has('token')) return;
    const rest = new URLSearchParams(searchParams);
    rest.delete('token');
    setSearchParams(rest, { replace: true });
  }, [searchParams, setSearchParams]);
  return token;
}

import type { Session } from '@mockboard/contracts';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { toApiRequestError } from '../api/client';
import { joinSession } from '../api/sessions';
import { joinErrorText } from './session-facts';

/**
 * Records the join (so the partner, and no-show tracking, know the user is there), then enters
 * the live room.
 */
export function useJoinSession(session: Session, zone: string, onJoined?: (session: Session) => void) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function join() {
    setPending(true);
    setError(null);
    try {
      const joined = await joinSession(session.id);
      onJoined?.(joined);
      if (pathname !== joined.roomUrl) navigate(joined.roomUrl);
    } catch (caught) {
      setError(joinErrorText(toApiRequestError(caught), session, zone, new Date()));
    } finally {
      setPending(false);
    }
  }

  return { join, pending, error };
}

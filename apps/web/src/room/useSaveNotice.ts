import { useState } from 'react';
import { useNow } from '../hooks/useNow';
import { QUIET, saveNoticeOf, stepSaveNotice, type SaveNotice } from './save-notice';

/** What the room's bar says about edits not stored yet (stepSaveNotice), looked at twice a second. */
export function useSaveNotice(
  connected: boolean,
  pending: number,
  unstoredSince: () => number | null,
): SaveNotice {
  const [state, setState] = useState(QUIET);
  const sending = connected && pending > 0;
  const now = useNow(sending || state.savedAt !== null ? 500 : null).getTime();
  const next = stepSaveNotice(state, {
    connected,
    pending,
    unstoredSince: sending ? unstoredSince() : null,
    now,
  });
  // Adjusted while rendering, as React allows for state that follows props: no frame shows the old notice.
  if (next !== state) setState(next);
  return saveNoticeOf(next);
}

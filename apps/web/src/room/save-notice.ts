/** How long the oldest edit may wait for the server to store it before the bar says it is saving. */
export const SLOW_SAVE_MS = 2_000;
/** How long "All changes saved" stays once a slow save is over. */
export const SAVED_NOTICE_MS = 2_500;

/** What the room's bar says about the person's edits while connected. */
export type SaveNotice = 'saving' | 'saved' | null;

export interface SaveNoticeState {
  /** Saying "saving", until every edit is stored. */
  holding: boolean;
  /** When a slow save ended: "saved" is said for a moment after it. */
  savedAt: number | null;
}

export const QUIET: SaveNoticeState = { holding: false, savedAt: null };

export interface SaveObservation {
  connected: boolean;
  /** Edits not stored yet. */
  pending: number;
  /** Since when the oldest edit sent has waited to be stored, if one has. */
  unstoredSince: number | null;
  now: number;
}

/**
 * The notice's next state. Nothing while acks come in tens of milliseconds, as they do; "saving"
 * once the oldest edit has waited SLOW_SAVE_MS (a server that fell behind, issue 18), held until
 * every edit is stored rather than dropped whenever one batch is answered, which would flicker
 * while acks come every two seconds or so; then "saved" for a moment, so the person sees the wait
 * end. Disconnected, the bar counts the edits waiting to be sent instead. Returns `state` itself
 * when nothing changes.
 */
export function stepSaveNotice(state: SaveNoticeState, seen: SaveObservation): SaveNoticeState {
  if (!seen.connected) return QUIET;
  const slow =
    seen.pending > 0 && seen.unstoredSince !== null && seen.now - seen.unstoredSince >= SLOW_SAVE_MS;
  if (slow || (state.holding && seen.pending > 0))
    return state.holding ? state : { holding: true, savedAt: null };
  if (state.holding) return { holding: false, savedAt: seen.now };
  // New edits on their way: "saved" would no longer be true, and they are not slow (yet).
  if (state.savedAt !== null && seen.pending > 0) return QUIET;
  if (state.savedAt !== null && seen.now - state.savedAt >= SAVED_NOTICE_MS) return QUIET;
  return state;
}

export function saveNoticeOf(state: SaveNoticeState): SaveNotice {
  if (state.holding) return 'saving';
  return state.savedAt === null ? null : 'saved';
}

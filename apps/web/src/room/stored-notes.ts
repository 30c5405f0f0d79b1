import type { CollabClient } from '@mockboard/collab';

/** Calls the listener with a round's notes as stored elsewhere; returns the unsubscribe. */
export type WatchStoredNotes = (round: number, listener: (text: string) => void) => () => void;

/**
 * The round's notes as the client last heard they were stored (a join, a save of this tab's, or
 * one from another of this person's tabs): at once, since a save may have come in before the
 * notes were shown, then at every newer revision.
 */
export function watchStoredNotes(client: CollabClient): WatchStoredNotes {
  return (round, listener) => {
    const stop = client.onStoredNotes((storedRound, text) => {
      if (storedRound === round) listener(text);
    });
    const stored = client.storedNotes(round);
    if (stored !== null) listener(stored);
    return stop;
  };
}

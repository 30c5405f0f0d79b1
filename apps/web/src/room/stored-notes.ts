import { NotesSavedEventSchema, ROOM_EVENTS } from '@mockboard/contracts';
import type { CollabClient } from '@mockboard/collab';

/** Calls the listener with a round's notes as stored elsewhere; returns the unsubscribe. */
export type WatchStoredNotes = (round: number, listener: (text: string) => void) => () => void;

/**
 * The notes this person stored for a round from another tab (the server sends each save to their
 * other sockets in the session), and the notes a re-join brings: what was saved while this tab's
 * connection was down.
 */
export function storedNotesOf(client: CollabClient, sessionId: string): WatchStoredNotes {
  return (round, listener) => {
    const onSaved = (payload: unknown) => {
      const parsed = NotesSavedEventSchema.safeParse(payload);
      if (parsed.success && parsed.data.sessionId === sessionId && parsed.data.round === round)
        listener(parsed.data.text);
    };
    client.socket.on(ROOM_EVENTS.notesSaved, onSaved);
    const stopListening = client.onJoined((rejoin) => {
      if (rejoin.round === round && rejoin.notes !== null) listener(rejoin.notes);
    });
    return () => {
      client.socket.off(ROOM_EVENTS.notesSaved, onSaved);
      stopListening();
    };
  };
}

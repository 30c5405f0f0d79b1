import { io, type Socket } from 'socket.io-client';
import { roomSocketOptions } from '@mockboard/collab';

/**
 * The connection to the room of `sessionId` on the page's own origin (the session cookie signs it
 * in), not connected yet. The session id rides every request, so a proxy keeps the room on one instance.
 */
export const openRoomSocket = (sessionId: string): Socket => io(roomSocketOptions(sessionId));

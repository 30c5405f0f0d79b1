import { io, type Socket } from 'socket.io-client';
import { COLLAB_SOCKET_OPTIONS } from '@mockboard/collab';

/** A room connection to the page's own origin (the session cookie signs it in), not connected yet. */
export const openRoomSocket = (): Socket => io({ ...COLLAB_SOCKET_OPTIONS });

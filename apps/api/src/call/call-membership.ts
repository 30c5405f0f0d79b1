import type { Socket } from 'socket.io';
import { z } from 'zod';
import type { CallMediaState, CallPeer } from '@mockboard/contracts';
import { parseContract } from '../common/socket-payload';
import { requireParticipant } from '../room/participant-only';
import type { RoomSocketData } from '../room/room-membership';

/**
 * The sockets in one session's call: only participants' sockets that sent call:join join it, so
 * signaling relayed here never reaches an observing admin or a tab that is not in the call.
 */
export const callRoom = (sessionId: string): string => `call:${sessionId}`;

/** What a socket is in a call: the tab's endpoint and what it sends. */
export interface CallEndpoint {
  endpointId: string;
  media: CallMediaState;
}

/**
 * The call's part of socket.data: plain data, because the Redis adapter hands it to other
 * instances msgpack-encoded (fetchSockets), where a Map or a class would not survive.
 */
export interface CallSocketData extends RoomSocketData {
  /** The calls this socket has joined, by session id. */
  calls?: Record<string, CallEndpoint>;
}

export function callDataOf(socket: Pick<Socket, 'data'>): CallSocketData {
  return socket.data as CallSocketData;
}

/** The endpoint this socket joined the session's call as, or undefined. */
export function endpointOf(socket: Pick<Socket, 'data'>, sessionId: string): CallEndpoint | undefined {
  return callDataOf(socket).calls?.[sessionId];
}

/** Every endpoint in the call held by the sockets given, except `userId`'s own; each once. */
export function peersAmong(
  sockets: readonly Pick<Socket, 'data'>[],
  sessionId: string,
  userId: string,
): CallPeer[] {
  const peers = new Map<string, CallPeer>();
  for (const socket of sockets) {
    const data = callDataOf(socket);
    const endpoint = data.calls?.[sessionId];
    if (!endpoint || data.user.id === userId) continue;
    peers.set(endpoint.endpointId, { ...endpoint, userId: data.user.id });
  }
  return [...peers.values()];
}

const AddressedToSession = z.object({ sessionId: z.uuid({ message: 'must be a session id' }) });

/**
 * The session a call event is for, once this socket may take part in its call: it joined the
 * session (session:join) as a participant, and the session is not solo practice. Checked before
 * the rest of the payload, so a stranger or an observer is `forbidden` whatever else it sends.
 */
export function callSessionOf(socket: Pick<Socket, 'data'>, payload: unknown): string {
  const { sessionId } = parseContract(AddressedToSession, payload);
  requireParticipant(socket, sessionId, {
    observer: 'Observers do not take part in the call',
    solo: 'Solo practice sessions have no call',
  });
  return sessionId;
}

import type { Socket } from 'socket.io';
import type { PointerBroadcast } from '@mockboard/contracts';
import type { AuthUser } from '../auth/auth-user';
import type { SocketData } from '../realtime/realtime-io.adapter';

/** Every socket that joined the session: participants, and admins who observe. */
export const sessionRoom = (sessionId: string): string => `session:${sessionId}`;

/**
 * Only the session's participants' sockets: what is private to them (the call's signaling, the
 * chat) goes here, never to an observing admin.
 */
export const participantsRoom = (sessionId: string): string => `session:${sessionId}:participants`;

/**
 * One participant's own sockets in the session (their tabs, on any instance): what is theirs alone
 * (their notes as another tab stored them) goes here.
 */
export const personRoom = (sessionId: string, userId: string): string =>
  `session:${sessionId}:person:${userId}`;

export type PointerSender = Pick<PointerBroadcast, 'userId' | 'displayName' | 'colour'>;

/** What a socket holds for one session it joined (session:join). */
export interface SessionMembership {
  /** A participant: may draw, talk and chat. Observers (admins) only watch. */
  canEdit: boolean;
  /** A solo practice session: nobody to call or chat with. */
  solo: boolean;
  /** How its cursor is labelled for the peers (computed once, not per pointer move). */
  sender: PointerSender;
  /**
   * Its person left the room's page; the socket stays only to deliver what it still holds
   * (session:depart), so peers do not count the person as in the room through it.
   */
  departing?: boolean;
  /**
   * Peers were told the person left, or never saw them here through this socket (it joined
   * departing): its close then announces nothing. Unset while a departure's news could not go out.
   */
  departureAnnounced?: boolean;
}

/**
 * What the room keeps on a socket. Through the Redis adapter (fetchSockets) socket.data comes
 * back msgpack-decoded, as plain data: so no Map here (it would come back as `{}`).
 */
export interface RoomSocketData extends SocketData {
  lastActiveAt?: number;
  idle?: boolean;
  /** Sessions this socket has joined, by id. */
  sessions?: Record<string, SessionMembership>;
}

export function dataOf(socket: Pick<Socket, 'data'>): RoomSocketData {
  return socket.data as RoomSocketData;
}

export function userOf(socket: Pick<Socket, 'data'>): AuthUser {
  return dataOf(socket).user;
}

/** The socket's membership of the session, or undefined when it has not joined it. */
export function membershipOf(socket: Pick<Socket, 'data'>, sessionId: string): SessionMembership | undefined {
  return dataOf(socket).sessions?.[sessionId];
}

/** Whether the socket counts its person as in the session's room (joined, and not departing). */
export function presentIn(socket: Pick<Socket, 'data'>, sessionId: string): boolean {
  const membership = membershipOf(socket, sessionId);
  return membership !== undefined && !membership.departing;
}

import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Server, Socket } from 'socket.io';
import { ROOM_EVENTS, SOCKET_CAPS, type PresenceEvent } from '@mockboard/contracts';
import { DomainError } from '../common/domain-error';
import { anySocketIn, socketsInRoom } from '../common/socket-listing';
import { LIVENESS } from '../realtime/live-instances';
import type { SocketData } from '../realtime/realtime-io.adapter';
import {
  dataOf,
  membershipOf,
  participantsRoom,
  personRoom,
  presentIn,
  sessionRoom,
  type PointerSender,
  type SessionMembership,
} from './room-membership';

/** A socket with no scene or pointer activity for this long shows as idle to its peers. */
export const IDLE_AFTER_MS = 60_000;
const IDLE_SWEEP_MS = 10_000;

/**
 * When an instance did not answer whether the person is still here (it hangs), "left" is asked
 * again after this long: by then the others stop waiting for a silent instance (live-instances.ts),
 * so the question has an answer. A few tries, so an instance that hangs and wakes repeatedly is
 * not waited for forever.
 */
const LEFT_RETRY_MS = LIVENESS.beatMs * (LIVENESS.missedBeforeSilent + 1);
/** Tries in all, the first included. */
const LEFT_TRIES = 3;

/**
 * Who is in each session's room and whether they are active: sockets take their place in a room
 * (within its cap), peers hear them join, go idle, come back and leave. The room's sockets are
 * counted through the adapter, so with Redis every instance's are.
 */
@Injectable()
export class RoomPresence implements OnModuleDestroy {
  private readonly logger = new Logger('RoomPresence');
  private server?: Server;
  private idleSweep?: NodeJS.Timeout;
  private readonly leftRetries = new Set<NodeJS.Timeout>();
  /**
   * Memberships whose "left" is being told or waits for a retry: their socket's close need not
   * tell it as well (peers would hear it twice).
   */
  private readonly leftPending = new WeakSet<SessionMembership>();

  /**
   * The sweep starts once the server exists: started in the constructor, it fired before the
   * server was bound whenever start-up (migrations) took longer than one sweep, and threw.
   */
  start(server: Server): void {
    this.server = server;
    this.idleSweep = setInterval(() => this.markIdleSockets(Date.now()), IDLE_SWEEP_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.idleSweep);
    for (const retry of this.leftRetries) clearTimeout(retry);
    this.leftRetries.clear();
  }

  /**
   * Puts the socket in the session's room: from now on it hears every update relayed there. What
   * was relayed before is what a join's barrier waits to see stored (JoinBarrier), so the barrier
   * may start once this resolved, beside `enter`'s count of the room.
   */
  async takePlace(socket: Socket, sessionId: string): Promise<void> {
    await socket.join(sessionRoom(sessionId));
  }

  /**
   * For a socket that took its place in the session's room: counts the room (within its cap; one
   * past it leaves the room again), puts a participant in the participants' room, keeps its
   * membership on it and tells the peers it joined, unless it is `departing` (a client that only
   * delivers what its person left unsaved). Returns the ids of the users in the room: those with a
   * socket there that is not departing, this one's user included.
   */
  async enter(
    socket: Socket,
    sessionId: string,
    membership: SessionMembership,
    asksToDepart = false,
  ): Promise<Set<string>> {
    const server = this.server!;
    const inRoom = await socketsInRoom(server, sessionRoom(sessionId), (error) =>
      this.logger.warn(
        `counting the room's sockets on this instance only: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
    // Joined first, counted after: of simultaneous joiners, those past the cap leave again.
    if (inRoom.findIndex((other) => other.id === socket.id) >= SOCKET_CAPS.perSession) {
      await socket.leave(sessionRoom(sessionId));
      throw new DomainError(
        'too_many_sockets',
        `This session's room holds at most ${SOCKET_CAPS.perSession} connections; close another tab`,
      );
    }
    // Only a participant departs: whoever observes a session is shown to its participants. Once
    // departing, a socket stays so: a join asked twice may be answered in either order. Read after
    // the count, which may wait long for another instance, and written with no wait in between: a
    // departure handled meanwhile stands, and one handled from here on marks this membership.
    const departing =
      membership.canEdit && (asksToDepart || membershipOf(socket, sessionId)?.departing === true);
    // A join asked again, e.g. after its answer timed out: the first may have announced a return.
    const wasPresent = presentIn(socket, sessionId);
    const data = dataOf(socket);
    const joined = { ...membership, departing, departureAnnounced: departing && !wasPresent };
    data.sessions = { ...data.sessions, [sessionId]: joined };
    data.lastActiveAt = Date.now();
    if (departing) {
      if (wasPresent) await this.departed(socket, sessionId, joined);
    } else {
      // Only participants hear what is private to them (the call, the chat, their own notes); not
      // a departing socket, whose person is gone (a client that only delivers what they left
      // unsaved needs none of it). In them before peers hear of the return, so nothing a peer
      // sends on hearing it is missed; departed meanwhile (an adapter that answers later), out again
      // and no return announced.
      if (membership.canEdit) {
        const privateRooms = [participantsRoom(sessionId), personRoom(sessionId, data.user.id)];
        await socket.join(privateRooms);
        if (joined.departing) for (const room of privateRooms) await socket.leave(room);
      }
      if (!joined.departing)
        socket
          .to(sessionRoom(sessionId))
          .emit(ROOM_EVENTS.presence, presenceOf(sessionId, membership.sender, 'joined'));
    }
    const present = inRoom.filter((other) => other.id === socket.id || presentIn(other, sessionId));
    return new Set(present.map((other) => (other.data as SocketData).user.id));
  }

  /**
   * The socket's person left the room's page; the socket stays to deliver what they left unsaved.
   * Peers hear that they left now, unless another of their sockets is still in the room. Once is
   * enough: a second call changes nothing.
   */
  async depart(socket: Socket, sessionId: string): Promise<void> {
    const membership = membershipOf(socket, sessionId);
    if (!membership) throw new DomainError('forbidden', 'Join the session first (session:join)');
    if (!membership.canEdit)
      throw new DomainError('forbidden', 'Whoever observes a session is shown to its participants');
    if (membership.departing) return;
    membership.departing = true;
    await this.departed(socket, sessionId, membership);
  }

  /** Out of the participants' rooms, and peers told the person left (unless still here elsewhere). */
  private async departed(socket: Socket, sessionId: string, membership: SessionMembership): Promise<void> {
    await socket.leave(participantsRoom(sessionId));
    await socket.leave(personRoom(sessionId, dataOf(socket).user.id));
    await this.announceLeft(socket, sessionId, membership, 'departure');
  }

  /** Activity (a stroke or a pointer move) ends idleness at once; peers hear "active". */
  touch(socket: Socket): void {
    const data = dataOf(socket);
    data.lastActiveAt = Date.now();
    if (!data.idle) return;
    data.idle = false;
    this.announce(socket, 'active');
  }

  /** Sockets of this instance that have been quiet for IDLE_AFTER_MS show as idle to their peers. */
  markIdleSockets(now: number): void {
    if (!this.server) return;
    for (const socket of this.server.of('/').sockets.values()) {
      const data = dataOf(socket);
      if (!data.sessions || data.idle || data.lastActiveAt === undefined) continue;
      if (now - data.lastActiveAt < IDLE_AFTER_MS) continue;
      data.idle = true;
      this.announce(socket, 'idle');
    }
  }

  /**
   * Peers hear that the user left each session this socket was in, unless another of the user's
   * sockets is still there. Nest ignores the disconnect handler's promise, so nothing may escape it.
   */
  async left(socket: Socket): Promise<void> {
    const data = dataOf(socket);
    if (!data.user || !data.sessions || !this.server) return;
    for (const [sessionId, membership] of Object.entries(data.sessions)) {
      // A departing socket's peers heard that its person left when it departed (or will).
      if (!membership.departureAnnounced && !this.leftPending.has(membership))
        await this.announceLeft(socket, sessionId, membership, 'disconnect');
    }
  }

  /**
   * Tells the peers the person left, unless still here elsewhere. When that cannot be told (an
   * instance hangs and does not answer), asked again later rather than never: peers would
   * otherwise see the person in the room until they reload. Never throws (Nest ignores the
   * disconnect handler's promise).
   */
  private async announceLeft(
    socket: Socket,
    sessionId: string,
    membership: SessionMembership,
    cause: 'departure' | 'disconnect',
    tries = 1,
  ): Promise<void> {
    this.leftPending.add(membership);
    try {
      await this.announceLeftUnlessPresent(socket, sessionId, membership);
      membership.departureAnnounced = true;
      this.leftPending.delete(membership);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const again = tries < LEFT_TRIES && this.server !== undefined;
      this.logger.warn(`presence on ${cause} failed: ${reason}${again ? '; asking again later' : ''}`);
      if (!again) {
        this.leftPending.delete(membership);
        return;
      }
      const retry = setTimeout(() => {
        this.leftRetries.delete(retry);
        if (membership.departureAnnounced) this.leftPending.delete(membership);
        else void this.announceLeft(socket, sessionId, membership, cause, tries + 1);
      }, LEFT_RETRY_MS).unref();
      this.leftRetries.add(retry);
    }
  }

  private async announceLeftUnlessPresent(
    socket: Socket,
    sessionId: string,
    membership: SessionMembership,
  ): Promise<void> {
    const userId = dataOf(socket).user.id;
    // With Redis, fetchSockets asks every instance and rejects when one does not answer.
    const stillHere = await anySocketIn(
      this.server!,
      sessionRoom(sessionId),
      (other) =>
        other.id !== socket.id &&
        (other.data as SocketData).user.id === userId &&
        presentIn(other, sessionId),
    );
    if (!stillHere)
      socket
        .to(sessionRoom(sessionId))
        .emit(ROOM_EVENTS.presence, presenceOf(sessionId, membership.sender, 'left'));
  }

  private announce(socket: Socket, state: PresenceEvent['state']): void {
    const data = dataOf(socket);
    for (const [sessionId, membership] of Object.entries(data.sessions ?? {})) {
      // Idle or active, a departing socket's person is gone as far as the peers know.
      if (membership.departing) continue;
      socket
        .to(sessionRoom(sessionId))
        .emit(ROOM_EVENTS.presence, presenceOf(sessionId, membership.sender, state));
    }
  }
}

/** The sender as labelled at join, so presence shows the colour the room assigned. */
function presenceOf(sessionId: string, sender: PointerSender, state: PresenceEvent['state']): PresenceEvent {
  return { sessionId, ...sender, state };
}

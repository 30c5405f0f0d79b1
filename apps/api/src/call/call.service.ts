import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Server, Socket } from 'socket.io';
import {
  CALL_EVENTS,
  type CallJoinAck,
  type CallJoinRequest,
  type CallMediaRequest,
  type CallPeerEvent,
} from '@mockboard/contracts';
import { sessionAllows } from '@mockboard/schedule';
import { conflict } from '../common/domain-error';
import { anySocketIn, socketsInRoom } from '../common/socket-listing';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { userOf } from '../room/room-membership';
import { SessionRecordsService } from '../sessions/session-records.service';
import { type CallEndpoint, callDataOf, callRoom, endpointOf, peersAmong } from './call-membership';
import { iceConfigurationFor } from './ice-servers';

/** A signal relayed to the rest of the call (the receivers pick theirs by `to`). */
type Signal = { sessionId: string };

/**
 * The call's rules: who is in a session's call as which endpoint, and what its peers hear. The
 * socket given has passed callSessionOf (a participant of a session with a partner). Nothing is
 * stored: the endpoints live on the sockets.
 */
@Injectable()
export class CallService {
  private readonly logger = new Logger('CallService');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionRecordsService,
  ) {}

  /**
   * Puts the socket in the session's call as `endpointId` (a rejoin under a new endpoint replaces
   * the old one) and answers with the ICE servers and the peers already there.
   */
  async join(
    server: Server,
    socket: Socket,
    { sessionId, endpointId, media }: CallJoinRequest,
  ): Promise<CallJoinAck> {
    const record = await this.sessions.find(sessionId);
    // A call can be joined while its interview can still take place.
    if (!record || !sessionAllows(record.session.status, 'use_room'))
      throw conflict('The interview has ended; its call is closed');
    const user = userOf(socket);
    const data = callDataOf(socket);
    const previous = data.calls?.[sessionId];
    data.calls = { ...data.calls, [sessionId]: { endpointId, media } };
    await socket.join(callRoom(sessionId));
    if (previous && previous.endpointId !== endpointId)
      socket.to(callRoom(sessionId)).emit(CALL_EVENTS.peer, peerEvent(sessionId, user.id, previous, 'left'));
    // Through the Redis adapter this sees the sockets on every instance (see socketsInRoom).
    const inCall = await socketsInRoom(server, callRoom(sessionId), (error) =>
      this.logger.warn(
        `listing the call's peers on this instance only: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
    // The user's other tabs hear it too: the web client makes the older one step back.
    socket
      .to(callRoom(sessionId))
      .emit(CALL_EVENTS.peer, peerEvent(sessionId, user.id, { endpointId, media }, 'joined'));
    return {
      ok: true as const,
      ...iceConfigurationFor(this.config.call, user.id, new Date()),
      peers: peersAmong(inCall, sessionId, user.id),
    };
  }

  /** Relays an offer, an answer or a candidate to the rest of the call, from a socket in it. */
  relay(socket: Socket, event: string, signal: Signal): void {
    this.relayFrom(socket, this.joinedEndpoint(socket, signal.sessionId), event, signal);
  }

  /** Mute state: kept on the socket (a later joiner reads it in `peers`), and relayed. */
  changeMedia(socket: Socket, request: CallMediaRequest): void {
    const endpoint = this.joinedEndpoint(socket, request.sessionId);
    endpoint.media = request.media;
    this.relayFrom(socket, endpoint, CALL_EVENTS.media, request);
  }

  /** Hanging up twice is fine: a socket that is not in the call leaves nothing. */
  async leave(server: Server, socket: Socket, sessionId: string): Promise<void> {
    const data = callDataOf(socket);
    const endpoint = data.calls?.[sessionId];
    if (!endpoint) return;
    const { [sessionId]: _left, ...others } = data.calls ?? {};
    data.calls = others;
    await socket.leave(callRoom(sessionId));
    server
      .to(callRoom(sessionId))
      .emit(CALL_EVENTS.peer, peerEvent(sessionId, userOf(socket).id, endpoint, 'left'));
  }

  /**
   * Peers hear that the endpoint lost its server connection, unless the tab is already back on
   * another socket (a reconnect can be seen before the old socket's end). Nest ignores this
   * promise, so nothing may escape it: with Redis, fetchSockets rejects when an instance is silent.
   */
  async disconnected(server: Server, socket: Socket): Promise<void> {
    const data = callDataOf(socket);
    if (!data.user || !data.calls) return;
    for (const [sessionId, endpoint] of Object.entries(data.calls)) {
      try {
        const back = await anySocketIn(
          server,
          callRoom(sessionId),
          (other) => endpointOf(other, sessionId)?.endpointId === endpoint.endpointId,
        );
        if (!back)
          server
            .to(callRoom(sessionId))
            .emit(CALL_EVENTS.peer, peerEvent(sessionId, data.user.id, endpoint, 'disconnected'));
      } catch (error) {
        this.logger.warn(
          `call:peer on disconnect failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }

  private joinedEndpoint(socket: Socket, sessionId: string): CallEndpoint {
    const endpoint = endpointOf(socket, sessionId);
    if (!endpoint) throw conflict('Join the call first (call:join)');
    return endpoint;
  }

  /** Stamped with the sender's endpoint and user as the server knows them, never as sent. */
  private relayFrom(socket: Socket, endpoint: CallEndpoint, event: string, signal: Signal): void {
    const from = { from: endpoint.endpointId, fromUserId: userOf(socket).id };
    socket.to(callRoom(signal.sessionId)).emit(event, { ...signal, ...from });
  }
}

function peerEvent(
  sessionId: string,
  userId: string,
  { endpointId, media }: CallEndpoint,
  state: CallPeerEvent['state'],
): CallPeerEvent {
  return { sessionId, endpointId, userId, state, media };
}

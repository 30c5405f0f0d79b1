import { Inject, Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayDisconnect,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import type { z } from 'zod';
import {
  CALL_EVENTS,
  CallCandidateRequestSchema,
  CallDescriptionRequestSchema,
  CallJoinRequestSchema,
  CallLeaveRequestSchema,
  CallMediaRequestSchema,
  type CallJoinAck,
  type CallPeerEvent,
  type ErrorAck,
} from '@mockboard/contracts';
import { sessionAllows } from '@mockboard/schedule';
import { DomainError, conflict } from '../common/domain-error';
import { ackOf, anySocketIn } from '../common/socket-ack';
import { parseContract } from '../common/socket-payload';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { userOf } from '../room/room-membership';
import { SessionRecordsService } from '../sessions/session-records.service';
import {
  type CallEndpoint,
  callDataOf,
  callRoom,
  callSessionOf,
  endpointOf,
  peersAmong,
} from './call-membership';
import { iceConfigurationFor } from './ice-servers';

type Ok = { ok: true };
const OK: Ok = { ok: true };

/**
 * The call's signaling: relayed between the participants of a session, never stored. Every event
 * is acked `{ok: true, …}` or `{ok: false, error: {code, message}}`; relayed signals carry the
 * sender's endpoint and user as the server knows them (`from`, `fromUserId`), never as sent.
 * Rate limits (classes `call` and `signal`) are applied before any handler by SocketRateLimiter.
 */
@WebSocketGateway()
export class CallGateway implements OnGatewayDisconnect {
  @WebSocketServer() private server!: Server;
  private readonly logger = new Logger('CallGateway');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionRecordsService,
  ) {}

  @SubscribeMessage(CALL_EVENTS.join)
  join(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<CallJoinAck | ErrorAck> {
    return ackOf(this.logger, async () => {
      const sessionId = callSessionOf(socket, payload);
      const { endpointId, media } = parseSignal(CallJoinRequestSchema, payload);
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
        socket
          .to(callRoom(sessionId))
          .emit(CALL_EVENTS.peer, peerEvent(sessionId, user.id, previous, 'left'));
      // Through the Redis adapter this sees the sockets on every instance.
      const inCall = await this.server.in(callRoom(sessionId)).fetchSockets();
      // The user's other tabs hear it too: the web client makes the older one step back.
      socket
        .to(callRoom(sessionId))
        .emit(CALL_EVENTS.peer, peerEvent(sessionId, user.id, { endpointId, media }, 'joined'));
      return {
        ok: true as const,
        ...iceConfigurationFor(this.config.call, user.id, new Date()),
        peers: peersAmong(inCall, sessionId, user.id),
      };
    });
  }

  @SubscribeMessage(CALL_EVENTS.offer)
  offer(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<Ok | ErrorAck> {
    return this.relay(socket, payload, CALL_EVENTS.offer, CallDescriptionRequestSchema);
  }

  @SubscribeMessage(CALL_EVENTS.answer)
  answer(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<Ok | ErrorAck> {
    return this.relay(socket, payload, CALL_EVENTS.answer, CallDescriptionRequestSchema);
  }

  @SubscribeMessage(CALL_EVENTS.candidate)
  candidate(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<Ok | ErrorAck> {
    return this.relay(socket, payload, CALL_EVENTS.candidate, CallCandidateRequestSchema);
  }

  /** Mute state: kept on the socket (a later joiner reads it in `peers`), and relayed. */
  @SubscribeMessage(CALL_EVENTS.media)
  media(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<Ok | ErrorAck> {
    return this.relay(socket, payload, CALL_EVENTS.media, CallMediaRequestSchema, (endpoint, request) => {
      endpoint.media = request.media;
    });
  }

  /** Hanging up twice is fine: a socket that is not in the call is acked all the same. */
  @SubscribeMessage(CALL_EVENTS.leave)
  leave(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<Ok | ErrorAck> {
    return ackOf(this.logger, async () => {
      const sessionId = callSessionOf(socket, payload);
      parseSignal(CallLeaveRequestSchema, payload);
      const data = callDataOf(socket);
      const endpoint = data.calls?.[sessionId];
      if (!endpoint) return OK;
      const { [sessionId]: _left, ...others } = data.calls ?? {};
      data.calls = others;
      await socket.leave(callRoom(sessionId));
      this.server
        .to(callRoom(sessionId))
        .emit(CALL_EVENTS.peer, peerEvent(sessionId, userOf(socket).id, endpoint, 'left'));
      return OK;
    });
  }

  /**
   * Peers hear that the endpoint lost its server connection, unless the tab is already back on
   * another socket (a reconnect can be seen before the old socket's end). Nest ignores this
   * promise, so nothing may escape it: with Redis, fetchSockets rejects when an instance is silent.
   */
  async handleDisconnect(socket: Socket): Promise<void> {
    const data = callDataOf(socket);
    if (!data.user || !data.calls) return;
    for (const [sessionId, endpoint] of Object.entries(data.calls)) {
      try {
        const back = await anySocketIn(
          this.server,
          callRoom(sessionId),
          (other) => endpointOf(other, sessionId)?.endpointId === endpoint.endpointId,
        );
        if (!back)
          this.server
            .to(callRoom(sessionId))
            .emit(CALL_EVENTS.peer, peerEvent(sessionId, data.user.id, endpoint, 'disconnected'));
      } catch (error) {
        this.logger.warn(
          `call:peer on disconnect failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }

  /**
   * Relays one signal to the rest of the call (the receivers pick theirs by `to`), stamped with
   * the sender's endpoint and user. `apply` first records what the signal changes on the sender.
   */
  private relay<T extends z.ZodType<{ sessionId: string }>>(
    socket: Socket,
    payload: unknown,
    event: string,
    schema: T,
    apply?: (endpoint: CallEndpoint, request: z.infer<T>) => void,
  ): Promise<Ok | ErrorAck> {
    return ackOf(this.logger, () => {
      const sessionId = callSessionOf(socket, payload);
      const request = parseSignal(schema, payload);
      const endpoint = endpointOf(socket, sessionId);
      if (!endpoint) throw conflict('Join the call first (call:join)');
      apply?.(endpoint, request);
      const from = { from: endpoint.endpointId, fromUserId: userOf(socket).id };
      socket.to(callRoom(sessionId)).emit(event, { ...request, ...from });
      return Promise.resolve(OK);
    });
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

/**
 * As parseContract, but a text over its cap (an SDP or a candidate) is `too_large`, so a client
 * tells "too big" from "malformed". Signals are relayed, never stored: no unstorable-text check.
 */
function parseSignal<T extends z.ZodType>(schema: T, payload: unknown): z.infer<T> {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const oversized = parsed.error.issues.find(
    (issue) => issue.code === 'too_big' && issue.origin === 'string',
  );
  if (oversized) throw new DomainError('too_large', `${oversized.path.join('.')}: ${oversized.message}`);
  return parseContract(schema, payload);
}

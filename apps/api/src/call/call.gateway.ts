import { Logger } from '@nestjs/common';
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
  type ErrorAck,
} from '@mockboard/contracts';
import { ackOf } from '../common/socket-ack';
import { parseRelayed } from '../common/socket-payload';
import { callSessionOf } from './call-membership';
import { CallService } from './call.service';

type Ok = { ok: true };
const OK: Ok = { ok: true };

/**
 * The call's signaling: relayed between the participants of a session, never stored. Every event
 * is acked `{ok: true, …}` or `{ok: false, error: {code, message}}`; relayed signals carry the
 * sender's endpoint and user as the server knows them (`from`, `fromUserId`), never as sent.
 * Rate limits (classes `call` and `signal`) are applied before any handler by SocketRateLimiter.
 * Each handler checks who may take part (callSessionOf) before it parses the rest of the payload.
 */
@WebSocketGateway()
export class CallGateway implements OnGatewayDisconnect {
  @WebSocketServer() private server!: Server;
  private readonly logger = new Logger('CallGateway');

  constructor(private readonly calls: CallService) {}

  @SubscribeMessage(CALL_EVENTS.join)
  join(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<CallJoinAck | ErrorAck> {
    return ackOf(this.logger, () => {
      callSessionOf(socket, payload);
      return this.calls.join(this.server, socket, parseRelayed(CallJoinRequestSchema, payload));
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

  @SubscribeMessage(CALL_EVENTS.media)
  media(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<Ok | ErrorAck> {
    return ackOf(this.logger, () => {
      callSessionOf(socket, payload);
      this.calls.changeMedia(socket, parseRelayed(CallMediaRequestSchema, payload));
      return Promise.resolve(OK);
    });
  }

  @SubscribeMessage(CALL_EVENTS.leave)
  leave(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<Ok | ErrorAck> {
    return ackOf(this.logger, async () => {
      const sessionId = callSessionOf(socket, payload);
      parseRelayed(CallLeaveRequestSchema, payload);
      await this.calls.leave(this.server, socket, sessionId);
      return OK;
    });
  }

  /** Nest ignores this promise; CallService.disconnected lets nothing escape it. */
  handleDisconnect(socket: Socket): Promise<void> {
    return this.calls.disconnected(this.server, socket);
  }

  private relay(
    socket: Socket,
    payload: unknown,
    event: string,
    schema: z.ZodType<{ sessionId: string }>,
  ): Promise<Ok | ErrorAck> {
    return ackOf(this.logger, () => {
      callSessionOf(socket, payload);
      this.calls.relay(socket, event, parseRelayed(schema, payload));
      return Promise.resolve(OK);
    });
  }
}

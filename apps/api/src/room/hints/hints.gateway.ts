import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import {
  HintRevealRequestSchema,
  ROOM_EVENTS,
  type ErrorAck,
  type HintRevealAck,
} from '@mockboard/contracts';
import { forbidden } from '../../common/domain-error';
import { ackOf } from '../../common/socket-ack';
import { parsePayload } from '../../common/socket-payload';
import { requireParticipant } from '../participant-only';
import { sessionRoom, userOf } from '../room-membership';
import { HintsService } from './hints.service';

/**
 * `hint:reveal` on the room's connection. Who asks is checked before the payload's shape, so an
 * observer or a stranger hears `forbidden` whatever they send.
 */
@WebSocketGateway()
export class HintsGateway {
  @WebSocketServer() private server!: Server;
  private readonly logger = new Logger('HintsGateway');

  constructor(private readonly hints: HintsService) {}

  @SubscribeMessage(ROOM_EVENTS.hintReveal)
  reveal(
    @ConnectedSocket() socket: Socket,
    @MessageBody() payload: unknown,
  ): Promise<HintRevealAck | ErrorAck> {
    return ackOf(this.logger, async () => {
      const sessionId = (payload as { sessionId?: unknown } | null)?.sessionId;
      if (typeof sessionId !== 'string') throw forbidden('Join the session first (session:join)');
      requireParticipant(socket, sessionId, { observer: 'Observers cannot reveal hints' });
      const request = parsePayload(HintRevealRequestSchema, payload);
      const { reveal, created } = await this.hints.reveal(userOf(socket), request);
      // Everyone in the room (the revealer's other tabs too) hears a new reveal once; a retry only gets its ack.
      if (created) this.server.to(sessionRoom(sessionId)).emit(ROOM_EVENTS.hintRevealed, reveal);
      return { ok: true as const, reveal };
    });
  }
}

import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import {
  CHAT_EVENTS,
  ChatHistoryRequestSchema,
  ChatSendRequestSchema,
  type ChatHistoryAck,
  type ChatSendAck,
  type ErrorAck,
} from '@mockboard/contracts';
import { requireParticipant } from '../room/participant-only';
import { forbidden } from '../common/domain-error';
import { ackOf } from '../common/socket-ack';
import { parsePayload } from '../common/socket-payload';
import { participantsRoom, userOf } from '../room/room-membership';
import { ChatService } from './chat.service';

/**
 * The chat's socket events, on the room's connection. Access is decided from the payload's
 * sessionId before anything else is read, so a stranger or an observer always hears `forbidden`
 * and learns nothing about what a valid message would be.
 */
@WebSocketGateway()
export class ChatGateway {
  private readonly logger = new Logger('ChatGateway');

  constructor(private readonly chat: ChatService) {}

  @SubscribeMessage(CHAT_EVENTS.send)
  send(@ConnectedSocket() socket: Socket, @MessageBody() payload: unknown): Promise<ChatSendAck | ErrorAck> {
    return ackOf(this.logger, async () => {
      requireChatter(socket, payload);
      const { sessionId, id, text } = parsePayload(ChatSendRequestSchema, payload);
      const message = await this.chat.send({ id, sessionId, authorId: userOf(socket).id, text });
      // Every participant socket but this one: the sender's other tabs hear it as well.
      socket.to(participantsRoom(sessionId)).emit(CHAT_EVENTS.message, message);
      return { ok: true as const, message };
    });
  }

  @SubscribeMessage(CHAT_EVENTS.history)
  history(
    @ConnectedSocket() socket: Socket,
    @MessageBody() payload: unknown,
  ): Promise<ChatHistoryAck | ErrorAck> {
    return ackOf(this.logger, async () => {
      requireChatter(socket, payload);
      const { sessionId, after } = parsePayload(ChatHistoryRequestSchema, payload);
      return { ok: true as const, messages: await this.chat.history(sessionId, after) };
    });
  }
}

/** Only a participant socket that joined the session, and never in a solo session (nobody to talk to). */
function requireChatter(socket: Socket, payload: unknown): void {
  const sessionId = (payload as { sessionId?: unknown } | null)?.sessionId;
  // A missing or malformed sessionId names no session this socket joined: forbidden as well.
  if (typeof sessionId !== 'string') throw forbidden('Join the session first (session:join)');
  requireParticipant(socket, sessionId, {
    observer: 'Observers cannot use the chat',
    solo: 'A solo session has no chat',
    departed: 'This connection left the room; open the room again to chat',
  });
}

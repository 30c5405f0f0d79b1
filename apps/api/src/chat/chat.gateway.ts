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
import { parsePayload } from '../common/socket-payload';
import { RoomError, toErrorAck } from '../room/room-error';
import { membershipOf, participantsRoom, userOf } from '../room/room-membership';
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
    return this.guard(async () => {
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
    return this.guard(async () => {
      requireChatter(socket, payload);
      const { sessionId, after } = parsePayload(ChatHistoryRequestSchema, payload);
      return { ok: true as const, messages: await this.chat.history(sessionId, after) };
    });
  }

  private async guard<T>(work: () => Promise<T>): Promise<T | ErrorAck> {
    try {
      return await work();
    } catch (error) {
      const ack = toErrorAck(error);
      if (ack.error.code === 'internal')
        this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      return ack;
    }
  }
}

/** Only a participant socket that joined the session, and never in a solo session (nobody to talk to). */
function requireChatter(socket: Socket, payload: unknown): void {
  const sessionId = (payload as { sessionId?: unknown } | null)?.sessionId;
  const membership = typeof sessionId === 'string' ? membershipOf(socket, sessionId) : undefined;
  if (!membership) throw new RoomError('forbidden', 'Join the session first (session:join)');
  if (!membership.canEdit) throw new RoomError('forbidden', 'Observers cannot use the chat');
  if (membership.solo) throw new RoomError('forbidden', 'A solo session has no chat');
}

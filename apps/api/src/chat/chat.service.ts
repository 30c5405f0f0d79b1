import { Injectable } from '@nestjs/common';
import { CHAT_LIMITS, type ChatMessage } from '@mockboard/contracts';
import { DomainError, conflict, forbidden } from '../common/domain-error';
import { ChatRepository, type NewMessage } from './chat.repository';

/** The chat's rules: what a participant's message needs to be stored, and what a tab reads back. */
@Injectable()
export class ChatService {
  constructor(private readonly messages: ChatRepository) {}

  /** The message as stored (the stored copy when this id was sent before). */
  async send(message: NewMessage): Promise<ChatMessage> {
    const outcome = await this.messages.store(message, CHAT_LIMITS.maxMessagesPerSession);
    if ('stored' in outcome) return outcome.stored;
    switch (outcome.refused) {
      case 'id_taken':
        throw conflict('id: another message has this id; choose a new one');
      case 'no_session':
        throw forbidden('You are not a participant of this session');
      case 'ended':
        throw conflict('The interview has ended; its chat is closed');
      case 'full':
        throw new DomainError(
          'too_large',
          `This session's chat holds at most ${CHAT_LIMITS.maxMessagesPerSession} messages; it is full`,
        );
    }
  }

  /** The latest messages after `after` (a message id), oldest first. */
  history(sessionId: string, after?: string): Promise<ChatMessage[]> {
    return this.messages.history(sessionId, after, CHAT_LIMITS.historyPage);
  }
}
